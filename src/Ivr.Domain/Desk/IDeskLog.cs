namespace Ivr.Domain.Desk;

/// <summary>
/// The desk's facts, kept for reports (calls offered, answered, abandoned, waits, service level) and
/// operator occupancy. Telephony writes them as they happen; each write is one fact, idempotent by its
/// keys, so a repeated event changes nothing.
/// </summary>
public interface IDeskLog
{
    /// <summary>A caller joined the desk's queue (one row per call record: a second join of the same call is ignored).</summary>
    Task QueuedAsync(long callRecordId, string practiceId, DeskPriority priority, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>An operator answered the call: it leaves the queue having waited from its join until <paramref name="at"/>.</summary>
    Task AnsweredAsync(long callRecordId, string operatorName, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The caller left the queue without an operator: hung up, or chose a message or the doctor after the maximum hold.</summary>
    Task LeftAsync(long callRecordId, DeskLeave how, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The operator left the answered call (the end of its handle time).</summary>
    Task ReleasedAsync(long callRecordId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>An operator's status changed (for occupancy: time on calls and in wrap-up over time at the desk).</summary>
    Task OperatorStatusAsync(string operatorName, OperatorStatus status, DateTimeOffset at, CancellationToken cancellationToken = default);
}
