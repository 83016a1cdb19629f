namespace Ivr.Domain.Triage;

/// <summary>
/// One finished triage as the reports see it: the readable columns of the kept triage, its call's first ring, the
/// desk's answer by the nurse who triaged, and its message's arrival and first acknowledgement. No patient data:
/// the pathway is not read.
/// </summary>
/// <param name="TriageId">The triage record's id.</param>
/// <param name="PracticeId">The practice the caller called.</param>
/// <param name="Nurse">The nurse who triaged.</param>
/// <param name="Computed">The disposition the protocols reached.</param>
/// <param name="Final">The disposition that acted (the override's, else the computed one); null when not kept.</param>
/// <param name="Override">Which way the nurse moved the computed disposition; null when she did not.</param>
/// <param name="NeedsReview">A downgrade on the on-call physician's review list.</param>
/// <param name="ReviewedAt">When the physician reviewed it; null until then.</param>
/// <param name="CallStartedAt">The call's first ring.</param>
/// <param name="DeskAnsweredAt">When the triaging nurse answered the call at the desk; null when the desk has no such answer.</param>
/// <param name="StartedAt">The triage's start (the nurse's first step).</param>
/// <param name="CompletedAt">The triage's end: the disposition given.</param>
/// <param name="MessageId">The message the triage left; null when none.</param>
/// <param name="MessageReceivedAt">When that message was created.</param>
/// <param name="AcknowledgedAt">When it was first acknowledged; null while it is not.</param>
public sealed record TriageReportRow(
    long TriageId,
    string PracticeId,
    string Nurse,
    Disposition Computed,
    Disposition? Final,
    OverrideDirection? Override,
    bool NeedsReview,
    DateTimeOffset? ReviewedAt,
    DateTimeOffset CallStartedAt,
    DateTimeOffset? DeskAnsweredAt,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    long? MessageId = null,
    DateTimeOffset? MessageReceivedAt = null,
    DateTimeOffset? AcknowledgedAt = null)
{
    /// <summary>What the mix counts: the final disposition, the computed one when there is no final.</summary>
    public Disposition Counted => Final ?? Computed;

    /// <summary>When the nurse took the caller: the desk's answer when she answered there, else the triage's start.</summary>
    public DateTimeOffset NurseAnsweredAt => DeskAnsweredAt ?? StartedAt;
}
