namespace Ivr.Domain.Ehr;

/// <summary>Where a message's hand-off to the practice's EHR stands.</summary>
public enum EhrHandoffState
{
    /// <summary>Not gone through yet: due at its next try.</summary>
    Pending,

    /// <summary>The EHR took it.</summary>
    Delivered,

    /// <summary>The EHR refused it for good: the practice must act (the message stays in the portal).</summary>
    Refused,

    /// <summary>The practice had no EHR link when the message was handled: nothing to send.</summary>
    NotLinked,
}
