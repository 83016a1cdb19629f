namespace Ivr.Portal.Campaigns;

/// <summary>What a patient's confirmation link led to.</summary>
public enum PatientLinkStatus
{
    /// <summary>Unknown, spent or expired: one answer for all three, so tokens cannot be probed.</summary>
    NotWorking,

    /// <summary>The page to answer on: confirm, or pick a slot.</summary>
    Open,

    /// <summary>They are no longer called (confirmed by phone, rescheduled, handed to the office...): nothing to answer.</summary>
    AnsweredAlready,

    Confirmed,

    Rescheduled,

    /// <summary>Someone took the slot first: the rest are offered.</summary>
    SlotTaken,
}
