namespace Ivr.Domain.Dispatch;

/// <summary>
/// What an email or a webhook says. It carries no protected health information by construction:
/// only the practice, message ids, the escalation step, the time and campaigns' counts (a patient's
/// campaign notice adds their confirmation link and the practice's number, nothing about them). The reader signs in (or calls
/// the answering service) to hear the message itself.
/// </summary>
/// <param name="Kind">What the notice announces.</param>
/// <param name="PracticeId">The practice's id.</param>
/// <param name="PracticeName">The practice's name, e.g. "Riverside Pediatrics".</param>
/// <param name="MessageIds">The messages waiting.</param>
/// <param name="Step">Escalation step (0 for the first page, 0 for a morning report).</param>
/// <param name="At">When the notice was sent.</param>
public sealed record Notice(NoticeKind Kind, string PracticeId, string PracticeName, IReadOnlyList<long> MessageIds, int Step, DateTimeOffset At)
{
    /// <summary>Of <see cref="MessageIds"/>, those that carry an appointment request (a morning report lists them); their windows stay in the portal.</summary>
    public IReadOnlyList<long> AppointmentRequestIds { get; init; } = [];

    /// <summary>
    /// A morning report's outbound campaigns: counts only, never who (the list of who is in the portal).
    /// </summary>
    public IReadOnlyList<CampaignReportLine> Campaigns { get; init; } = [];

    /// <summary>A morning report's messages whose hand-off to the practice's EHR has not gone through (still retrying, or refused): ids only.</summary>
    public IReadOnlyList<long> EhrUndeliveredIds { get; init; } = [];

    /// <summary>
    /// A <see cref="NoticeKind.CampaignConfirmation"/>'s single-use confirmation link: a secret, never logged.
    /// </summary>
    public string? ConfirmationLink { get; init; }

    /// <summary>A service notice's state in a few words (an outside line's "refused by the carrier since 02:10 UTC"); never patient details.</summary>
    public string? Detail { get; init; }

    /// <summary>A <see cref="NoticeKind.CampaignConfirmation"/>'s practice number to call, digits only.</summary>
    public string? CallbackNumber { get; init; }
}
