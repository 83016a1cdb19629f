namespace Ivr.Asterisk.Agi;

/// <summary>Why a recording stopped.</summary>
public enum AgiRecordEnd
{
    /// <summary>The caller pressed an escape digit.</summary>
    Digit,

    /// <summary>The maximum length or the silence limit was reached (Asterisk reports both as timeout).</summary>
    TimeoutOrSilence,

    /// <summary>The caller hung up; the file holds what was said before.</summary>
    Hangup,
}
