using Ivr.Domain.Accounts;

namespace Ivr.Portal.Accounts;

/// <summary>
/// Who is signed in, and the rules of what they may see: a supervisor sees every practice, practice
/// staff and clinicians their own practice only, a telecom admin no patient data at all (they run
/// the service; minimum necessary access): every call's record and timeline, never who called. An
/// operator sees none of these pages: only the desk, and a caller only while on their call.
/// </summary>
public sealed record PortalIdentity(long UserId, string Username, PortalRole Role, string? PracticeId, string? ClinicianId)
{
    /// <summary>True when the user may read and act on messages and calls of <paramref name="practiceId"/>.</summary>
    public bool CanSeePractice(string practiceId) => Role switch
    {
        PortalRole.Supervisor => true,
        PortalRole.PracticeAdmin or PortalRole.Clinician => PracticeId is not null && PracticeId == practiceId,
        _ => false,
    };

    /// <summary>True when the user may add and cancel on-call overrides of <paramref name="practiceId"/>: the supervisor, and that practice's admins.</summary>
    public bool CanChangeScheduleOf(string practiceId) => Role switch
    {
        PortalRole.Supervisor => true,
        PortalRole.PracticeAdmin => PracticeId is not null && PracticeId == practiceId,
        _ => false,
    };

    /// <summary>True when the user may see and change the settings of <paramref name="practiceId"/> (hours, holidays, coverage, greeting, escalation): the supervisor, and that practice's admins.</summary>
    public bool CanChangeSettingsOf(string practiceId) => CanChangeScheduleOf(practiceId);

    /// <summary>True when the user may see any practice's settings at all.</summary>
    public bool SeesSettings => Role == PortalRole.Supervisor || (Role == PortalRole.PracticeAdmin && PracticeId is not null);

    /// <summary>True when the user may see a clinician's own shifts and calendar feed: the clinician, and whoever may change their practice's schedule.</summary>
    public bool CanSeeShiftsOf(string practiceId, string clinicianId) =>
        CanChangeScheduleOf(practiceId) || (Role == PortalRole.Clinician && PracticeId == practiceId && ClinicianId == clinicianId);

    /// <summary>True when the user may see patient data of any practice at all.</summary>
    public bool SeesPatientData => Role is PortalRole.Supervisor || (Role is PortalRole.PracticeAdmin or PortalRole.Clinician && PracticeId is not null);

    /// <summary>The practice an inbox is limited to; null for every practice (the supervisor).</summary>
    public string? InboxPractice => Role == PortalRole.Supervisor ? null : PracticeId;

    /// <summary>True when the user may see the records and timelines of <paramref name="practiceId"/>'s calls (caller ids only with <see cref="SeesPatientData"/>).</summary>
    public bool CanSeeCallsOf(string practiceId) => Role == PortalRole.TelecomAdmin || CanSeePractice(practiceId);

    /// <summary>True when the user may see any call records at all.</summary>
    public bool SeesCalls => Role == PortalRole.TelecomAdmin || SeesPatientData;

    /// <summary>The practice a call list is limited to (only meaningful with <see cref="SeesCalls"/>); null for every practice (supervisor, telecom admin).</summary>
    public string? CallsPractice => Role is PortalRole.Supervisor or PortalRole.TelecomAdmin ? null : PracticeId;

    /// <summary>True when the user may see monthly reports at all: the supervisor, and practice admins (of their practice).</summary>
    public bool SeesReports => Role == PortalRole.Supervisor || (Role == PortalRole.PracticeAdmin && PracticeId is not null);

    /// <summary>True when the user may see the reports of <paramref name="practiceId"/>, or (null) of every practice together: only the supervisor.</summary>
    public bool CanSeeReportsOf(string? practiceId) => Role switch
    {
        PortalRole.Supervisor => true,
        PortalRole.PracticeAdmin => practiceId is not null && PracticeId == practiceId,
        _ => false,
    };

    /// <summary>True when the user may watch calls in progress: the supervisor and telecom admins (every practice), practice admins (their own); clinicians not.</summary>
    public bool SeesLiveCalls => Role is PortalRole.Supervisor or PortalRole.TelecomAdmin || (Role == PortalRole.PracticeAdmin && PracticeId is not null);

    /// <summary>The practice the live view is limited to (only meaningful with <see cref="SeesLiveCalls"/>); null for every practice.</summary>
    public string? LivePractice => Role is PortalRole.Supervisor or PortalRole.TelecomAdmin ? null : PracticeId;

    /// <summary>
    /// True when the user may see a call in progress of <paramref name="practiceId"/> (null: a channel the
    /// service has no session for, which only users of every practice see).
    /// </summary>
    public bool CanSeeLiveCallOf(string? practiceId) => SeesLiveCalls && (LivePractice is null || LivePractice == practiceId);

    /// <summary>True when the user may work the operator desk: operators, nurses (calls transferred to the nurse line), and the supervisor.</summary>
    public bool WorksTheDesk => Role is PortalRole.Operator or PortalRole.Nurse or PortalRole.Supervisor;

    /// <summary>True when the user may triage callers (<c>/api/triage</c>): nurses, and the supervisor.</summary>
    public bool Triages => Role is PortalRole.Nurse or PortalRole.Supervisor;

    /// <summary>True when the user may see and acknowledge nurses' downgrades awaiting a physician's review: the supervisor (every practice), a practice's clinicians (their own).</summary>
    public bool ReviewsTriage => Role == PortalRole.Supervisor || (Role == PortalRole.Clinician && PracticeId is not null);

    /// <summary>True when the user may see and acknowledge the triage reviews of <paramref name="practiceId"/>.</summary>
    public bool CanReviewTriageOf(string practiceId) => Role switch
    {
        PortalRole.Supervisor => true,
        PortalRole.Clinician => PracticeId is not null && PracticeId == practiceId,
        _ => false,
    };

    /// <summary>True when the user may see and run outbound campaigns at all: the supervisor (every practice), practice admins (their own).</summary>
    public bool SeesCampaigns => Role == PortalRole.Supervisor || (Role == PortalRole.PracticeAdmin && PracticeId is not null);

    /// <summary>True when the user may create, read and run the campaigns of <paramref name="practiceId"/>: the supervisor, and that practice's admins.</summary>
    public bool CanManageCampaignsOf(string practiceId) => CanChangeScheduleOf(practiceId);

    /// <summary>The practice a campaign list is limited to (only meaningful with <see cref="SeesCampaigns"/>); null for every practice.</summary>
    public string? CampaignsPractice => Role == PortalRole.Supervisor ? null : PracticeId;

    /// <summary>Who acknowledged or resolved, in a message's history: the clinician id where there is one.</summary>
    public string Actor => ClinicianId ?? Username;

    /// <summary>Who read, in the audit log.</summary>
    public string AuditActor => "portal:" + Username;
}
