namespace Ivr.Domain.Desk;

/// <summary>One call's way through the desk as <see cref="IDeskLog"/> recorded it.</summary>
/// <param name="CallRecordId">The call record's id.</param>
/// <param name="PracticeId">The practice the caller called.</param>
/// <param name="Priority">Urgent or routine.</param>
/// <param name="QueuedAt">When the caller joined the queue.</param>
/// <param name="AnsweredAt">When an operator answered; null when none did.</param>
/// <param name="Operator">Who answered.</param>
/// <param name="LeftAt">When the caller left the queue without an operator.</param>
/// <param name="LeftHow">How they left.</param>
/// <param name="ReleasedAt">When the operator left the answered call.</param>
public sealed record DeskCallFact(
    long CallRecordId,
    string PracticeId,
    DeskPriority Priority,
    DateTimeOffset QueuedAt,
    DateTimeOffset? AnsweredAt = null,
    string? Operator = null,
    DateTimeOffset? LeftAt = null,
    DeskLeave? LeftHow = null,
    DateTimeOffset? ReleasedAt = null)
{
    /// <summary>
    /// How the wait ended, for the service level: answered (by its answer; an answer wins over a later leave),
    /// or abandoned (hung up while queued). Null for callers who left for a message, the doctor or the safety
    /// net, and for callers still waiting: they count as offered only.
    /// </summary>
    public DeskOutcome? Outcome => AnsweredAt is { } answered
        ? new DeskOutcome(PracticeId, answered - QueuedAt, Answered: true)
        : LeftHow == DeskLeave.HungUp && LeftAt is { } left
            ? new DeskOutcome(PracticeId, left - QueuedAt, Answered: false)
            : null;
}
