using Ivr.Domain.Outbound;

namespace Ivr.Portal.Campaigns;

/// <summary>A campaign in the list: what it is, where it stands, and its counts (no patient data).</summary>
public sealed record CampaignSummaryJson(
    long Id,
    string PracticeId,
    string PracticeName,
    string Title,
    CampaignKind Kind,
    CampaignState State,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset EndsBy,
    CampaignCountsJson Counts)
{
    public static CampaignSummaryJson Of(Campaign campaign, CampaignCounts counts, string practiceName, int failedAttempts = 0) => new(
        campaign.Id,
        campaign.PracticeId,
        practiceName,
        campaign.Title,
        campaign.Kind,
        campaign.State,
        campaign.CreatedAt,
        campaign.CreatedBy,
        campaign.StartedAt,
        campaign.EndedAt,
        campaign.EndsBy,
        CampaignCountsJson.Of(counts, failedAttempts));
}

/// <summary>Patients by where they stand, the calls made, and the calls that could not be made (<see cref="FailedAttempts"/>).</summary>
public sealed record CampaignCountsJson(
    int Patients,
    int Done,
    int Waiting,
    int Trying,
    int VoicemailLeft,
    int Confirmed,
    int Rescheduled,
    int OptedOut,
    int NeedsOfficeCall,
    int Exhausted,
    int Attempts,
    int FailedAttempts)
{
    public static CampaignCountsJson Of(CampaignCounts counts, int failedAttempts) => new(
        counts.Patients,
        counts.Done,
        counts.Of(PatientProgress.Waiting),
        counts.Of(PatientProgress.Trying),
        counts.Of(PatientProgress.VoicemailLeft),
        counts.Of(PatientProgress.Confirmed),
        counts.Of(PatientProgress.Rescheduled),
        counts.Of(PatientProgress.OptedOut),
        counts.Of(PatientProgress.NeedsOfficeCall),
        counts.Of(PatientProgress.Exhausted),
        counts.Attempts,
        failedAttempts);
}

/// <summary>
/// A campaign with everything its page shows: the words as text, the rules, each patient (patient data) with their
/// attempts, the slots, and the AMD accuracy measured from staff's labels. Read through <see cref="CampaignAccess.OpenAsync"/>, audited.
/// </summary>
public sealed record CampaignJson(
    CampaignSummaryJson Campaign,
    string Words,
    string Person,
    string Voicemail,
    string CallbackNumber,
    string TimeZone,
    string WindowStart,
    string WindowEnd,
    int MaxPerDay,
    int MaxPerWeek,
    int MaxChannels,
    bool PreviewAvailable,
    IReadOnlyList<CampaignPatientJson> Patients,
    IReadOnlyList<CampaignSlotJson> Slots,
    AmdAccuracyJson Amd)
{
    public static CampaignJson Of(CampaignLookup lookup, bool previewAvailable)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var campaign = lookup.Campaign!;
        var attempts = lookup.Attempts ?? [];
        return new(
            CampaignSummaryJson.Of(campaign, lookup.Counts!, lookup.PracticeName, Failed(attempts)),
            campaign.Words,
            CampaignScript.Person(lookup.PracticeName, campaign),
            CampaignScript.Voicemail(lookup.PracticeName, campaign),
            campaign.CallbackNumber,
            campaign.TimeZone,
            campaign.Rules.WindowStart.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            campaign.Rules.WindowEnd.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            campaign.Rules.MaxPerDay,
            campaign.Rules.MaxPerWeek,
            campaign.MaxChannels,
            previewAvailable,
            [.. (lookup.Patients ?? []).Select(p => CampaignPatientJson.Of(p, lookup))],
            [.. (lookup.Slots ?? []).Select(CampaignSlotJson.Of)],
            AmdAccuracyJson.Of(lookup.Accuracy));
    }

    /// <summary>Calls that could not be made (congestion, Asterisk refused, interrupted).</summary>
    public static int Failed(IEnumerable<CampaignAttempt> attempts) => attempts.Count(a => a.Result == AttemptResult.Failed);
}

/// <summary>One patient of a campaign and their calls: patient data.</summary>
public sealed record CampaignPatientJson(
    long Id,
    int Line,
    string Name,
    string Phone,
    string? Email,
    DateTime? Appointment,
    string? Clinician,
    PatientProgress Progress,
    string ProgressWords,
    int AttemptCount,
    DateTimeOffset? NextAt,
    string? HeldBy,
    string? HeldWhy,
    CampaignSlotJson? Slot,
    string? ConfirmedHow,
    DateTimeOffset? ConfirmedAt,
    bool CanMarkConfirmed,
    IReadOnlyList<CampaignAttemptJson> Attempts)
{
    public static CampaignPatientJson Of(CampaignPatientRecord record, CampaignLookup lookup) => new(
        record.Id,
        record.Patient.Line,
        record.Patient.Name,
        record.Patient.Phone,
        record.Patient.Email,
        record.Patient.Appointment,
        record.Patient.Clinician,
        record.Progress,
        CampaignAccess.Words(record.Progress),
        record.Attempts,
        record.NextAt,
        record.HeldBy,
        record.HeldWhy,
        lookup.SlotOf(record) is { } slot ? CampaignSlotJson.Of(slot) : null,
        record.ConfirmedHow,
        record.ConfirmedAt,
        CampaignPages.CanMarkConfirmed(record),
        [.. lookup.AttemptsOf(record.Id).Select(CampaignAttemptJson.Of)]);
}

/// <summary>One call to a patient: when, how it ended, AMD's status and cause, the rule that let it go (or held it), staff's AMD label.</summary>
public sealed record CampaignAttemptJson(
    long Id,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    AttemptResult? Result,
    string? AmdStatus,
    string? AmdCause,
    string Rule,
    string Why,
    string? Detail,
    string? AmdLabel)
{
    public static CampaignAttemptJson Of(CampaignAttempt a) => new(a.Id, a.StartedAt, a.EndedAt, a.Result, a.AmdStatus, a.AmdCause, a.Rule, a.Why, a.Detail, a.AmdLabel);
}

/// <summary>An open appointment time a reschedule campaign offers, on the practice's clock, and the patient who took it.</summary>
public sealed record CampaignSlotJson(long Id, DateTime StartsAt, string? Clinician, long? TakenBy)
{
    public static CampaignSlotJson Of(CampaignSlot slot) => new(slot.Id, slot.StartsAt, slot.Clinician, slot.TakenBy);
}

/// <summary>AMD's accuracy from staff's labels: right of labelled, overall and by AMDSTATUS; <see cref="Share"/> null until one is labelled.</summary>
public sealed record AmdAccuracyJson(int WithAmd, int Labelled, int Right, int Wrong, double? Share, IReadOnlyList<AmdStatusJson> ByStatus)
{
    public static AmdAccuracyJson Of(AmdAccuracy a) =>
        new(a.WithAmd, a.Labelled, a.Right, a.Wrong, a.Share, [.. a.ByStatus.Select(s => new AmdStatusJson(s.Status, s.Attempts, s.Labelled, s.Right, s.Wrong, s.Share))]);
}

/// <summary>AMD's results of one AMDSTATUS and how staff labelled them.</summary>
public sealed record AmdStatusJson(string Status, int Attempts, int Labelled, int Right, int Wrong, double? Share);
