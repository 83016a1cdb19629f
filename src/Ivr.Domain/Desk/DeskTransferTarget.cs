namespace Ivr.Domain.Desk;

/// <summary>Where an operator can send a caller.</summary>
public enum DeskTransferTarget
{
    /// <summary>The nurse queue (triage).</summary>
    Nurse,

    /// <summary>The practice's office line, during office hours.</summary>
    Office,
}
