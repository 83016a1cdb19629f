using Ivr.Domain.Reports;

namespace Ivr.Domain.Triage;

/// <summary>
/// Nurse triage over a month, of one practice or every practice: the disposition mix (every rung, in ladder order),
/// the nurses' overrides by direction and the physician's review of downgrades, how long callers waited from the
/// first ring to the nurse and to the disposition, and how long physicians took to acknowledge triaged messages.
/// A triage belongs to the month in which it was completed (the disposition given), on the practice's wall clock.
/// </summary>
/// <param name="Triages">Triages completed in the month.</param>
/// <param name="Mix">Each rung of the ladder, most urgent first, with its count and share (the final disposition counted).</param>
/// <param name="OverriddenUp">Triages the nurse moved to a more urgent disposition.</param>
/// <param name="OverriddenDown">Triages the nurse moved to a less urgent disposition (each goes on the physician's review list).</param>
/// <param name="DowngradesReviewed">Downgrades the physician has reviewed.</param>
/// <param name="DowngradesAwaitingReview">Downgrades still waiting for the physician's review.</param>
/// <param name="RingToNurse">From the call's first ring to the nurse taking the caller (<see cref="TriageReportRow.NurseAnsweredAt"/>).</param>
/// <param name="NurseAnsweredAtDesk">How many of <paramref name="RingToNurse"/> are measured to the desk's answer (the rest to the triage's start).</param>
/// <param name="RingToDisposition">From the call's first ring to the triage's end.</param>
/// <param name="Messages">Messages the month's triages left.</param>
/// <param name="TimeToAcknowledge">From a triaged message's creation to its first acknowledgement, of those acknowledged.</param>
/// <param name="Unacknowledged">Triaged messages no one has acknowledged yet.</param>
public sealed record TriageReport(
    int Triages,
    IReadOnlyList<DispositionCount> Mix,
    int OverriddenUp,
    int OverriddenDown,
    int DowngradesReviewed,
    int DowngradesAwaitingReview,
    DurationStats RingToNurse,
    int NurseAnsweredAtDesk,
    DurationStats RingToDisposition,
    int Messages,
    DurationStats TimeToAcknowledge,
    int Unacknowledged)
{
    /// <summary>The report of <paramref name="triages"/> (the month's, already chosen by practice and period).</summary>
    public static TriageReport Build(IReadOnlyList<TriageReportRow> triages)
    {
        ArgumentNullException.ThrowIfNull(triages);
        var total = triages.Count;
        var mix = Dispositions.All
            .Select(rung =>
            {
                var count = triages.Count(t => t.Counted == rung);
                return new DispositionCount(rung, count, total == 0 ? null : (double)count / total);
            })
            .ToArray();

        // A call keeps one triage message; counting each message once keeps a repeated row from counting twice.
        var messages = triages.Where(t => t.MessageId is not null && t.MessageReceivedAt is not null)
            .GroupBy(t => t.MessageId!.Value)
            .Select(g => g.First())
            .ToArray();

        return new TriageReport(
            total,
            mix,
            triages.Count(t => t.Override == OverrideDirection.Up),
            triages.Count(t => t.Override == OverrideDirection.Down),
            triages.Count(t => t.NeedsReview && t.ReviewedAt is not null),
            triages.Count(t => t.NeedsReview && t.ReviewedAt is null),
            DurationStats.Of(triages.Select(t => t.NurseAnsweredAt - t.CallStartedAt)),
            triages.Count(t => t.DeskAnsweredAt is not null),
            DurationStats.Of(triages.Select(t => t.CompletedAt - t.CallStartedAt)),
            messages.Length,
            DurationStats.Of(messages.Where(m => m.AcknowledgedAt is not null).Select(m => m.AcknowledgedAt!.Value - m.MessageReceivedAt!.Value)),
            messages.Count(m => m.AcknowledgedAt is null));
    }
}
