namespace Ivr.Domain.Triage;

/// <summary>What a disposition makes happen; the telephony and dispatch act on these (issue 15's list).</summary>
[Flags]
public enum TriageActions
{
    None = 0,

    /// <summary>The nurse tells the caller to hang up and call 911, and confirms they will.</summary>
    TellCallerToCall911 = 1,

    /// <summary>The on-call physician gets an urgent notice once the call has ended.</summary>
    UrgentNoticeAfterCall = 2,

    /// <summary>The on-call physician is paged at once with the triage summary (an urgent message).</summary>
    PagePhysicianNow = 4,

    /// <summary>The nurse may patch the physician in (the desk's patch) before the caller leaves.</summary>
    OfferPatch = 8,

    /// <summary>An urgent message to the on-call physician (dispatched and escalated like any urgent message).</summary>
    UrgentMessage = 16,

    /// <summary>An appointment request for the practice (the routine-calls issue turns it into a slot where the EHR allows).</summary>
    AppointmentRequest = 32,

    /// <summary>The triage summary goes in the practice's morning report.</summary>
    MorningReport = 64,
}
