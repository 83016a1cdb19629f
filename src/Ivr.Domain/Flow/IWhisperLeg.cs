namespace Ivr.Domain.Flow;

/// <summary>One ring of a clinician for a waiting caller: what to whisper, and where the clinician's answer goes.</summary>
public interface IWhisperLeg
{
    /// <summary>The caller's room, practice and number.</summary>
    DialRequest Request { get; }

    /// <summary>Hands the clinician's answer (one of <see cref="WhisperDecisions"/>) to the dialer; the first answer counts.</summary>
    void Decide(string decision);
}
