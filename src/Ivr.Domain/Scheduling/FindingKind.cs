namespace Ivr.Domain.Scheduling;

/// <summary>What the schedule check found.</summary>
public enum FindingKind
{
    /// <summary>An interval with no primary on call.</summary>
    NoPrimary,

    /// <summary>A scheduled clinician with no verified phone or SIP contact.</summary>
    NoVerifiedContact,

    /// <summary>A holiday with some hours nobody covers.</summary>
    HolidayUncovered,

    /// <summary>A handoff in a daylight-saving gap (the wall time does not exist).</summary>
    HandoffInGap,

    /// <summary>A handoff in a daylight-saving overlap (the wall time happens twice).</summary>
    HandoffInOverlap,

    /// <summary>No one receives the practice's morning report: no practice admin with an email and no supervisor email.</summary>
    NoReportRecipient,
}
