namespace Ivr.Domain.Flow;

/// <summary>Where one whisper stands; lives with the clinician's leg.</summary>
public sealed class WhisperSession(IWhisperLeg leg)
{
    public IWhisperLeg Leg { get; } = leg;

    public WhisperState State { get; set; } = WhisperState.Incoming;

    /// <summary>How many times the menu has been offered.</summary>
    public int Attempts { get; set; }
}
