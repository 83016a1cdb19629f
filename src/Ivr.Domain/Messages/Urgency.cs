namespace Ivr.Domain.Messages;

/// <summary>How soon a message must reach a clinician.</summary>
public enum Urgency
{
    /// <summary>Waits for the practice's morning report.</summary>
    Routine,

    /// <summary>Dispatched to the on-call chain at once.</summary>
    Urgent,
}
