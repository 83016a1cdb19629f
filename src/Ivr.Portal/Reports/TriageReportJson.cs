using Ivr.Domain.Reports;
using Ivr.Domain.Triage;

namespace Ivr.Portal.Reports;

/// <summary>
/// Nurse triage's month in the API: the mix of final dispositions (every rung, most urgent first; shares from 0 to 1,
/// null when there were no triages), overrides by direction with the physician's review of downgrades, times from the
/// first ring to the nurse and to the disposition, and physicians' acknowledgement of triaged messages. Times in seconds.
/// </summary>
public sealed record TriageReportJson(
    int Triages,
    IReadOnlyList<TriageMixJson> Mix,
    TriageOverridesJson Overrides,
    DurationStats RingToNurse,
    int NurseAnsweredAtDesk,
    string RingToNurseRule,
    DurationStats RingToDisposition,
    int Messages,
    DurationStats TimeToAcknowledge,
    int Unacknowledged)
{
    /// <summary>Which instant "the nurse answering" is, in words (the page and the API say the same).</summary>
    public const string NurseAnswerRule = "the desk's answer by the nurse who triaged, or the triage's start when the desk has no answer by her";

    public static TriageReportJson From(TriageReport r) => new(
        r.Triages,
        [.. r.Mix.Select(m => new TriageMixJson(m.Code, m.Words, m.Count, m.Share))],
        new TriageOverridesJson(r.OverriddenUp, r.OverriddenDown, r.DowngradesReviewed, r.DowngradesAwaitingReview),
        r.RingToNurse,
        r.NurseAnsweredAtDesk,
        NurseAnswerRule,
        r.RingToDisposition,
        r.Messages,
        r.TimeToAcknowledge,
        r.Unacknowledged);
}

/// <summary>One rung of the ladder in the month's mix.</summary>
public sealed record TriageMixJson(string Code, string Words, int Count, double? Share);

/// <summary>The nurses' overrides: up, down, and of the downgrades how many the physician reviewed and how many still wait.</summary>
public sealed record TriageOverridesJson(int Up, int Down, int Reviewed, int AwaitingReview);
