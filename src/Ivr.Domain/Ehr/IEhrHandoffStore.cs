namespace Ivr.Domain.Ehr;

/// <summary>
/// The durable queue of EHR hand-offs: a row for every message, written with it. A try runs only after
/// <see cref="ClaimAsync"/> leased the row, so two processes never send one message at once; a dead owner's lease
/// expires and the next process takes the row. Once delivered a row is never due again.
/// </summary>
public interface IEhrHandoffStore
{
    /// <summary>Pending rows due at <paramref name="now"/> whose lease is free, oldest first.</summary>
    Task<IReadOnlyList<EhrHandoff>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Leases a due pending row to <paramref name="owner"/> until <paramref name="leaseUntil"/>; false when another process has it or it is no longer pending.</summary>
    Task<bool> ClaimAsync(long messageId, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a try's end while <paramref name="owner"/> holds the lease, with the message's history line
    /// <paramref name="historyLine"/> (none when null), in one transaction, and gives the lease back. False when the
    /// lease was lost (nothing written).
    /// </summary>
    Task<bool> FinishAsync(long messageId, string owner, EhrHandoffState state, EhrResult? result, DateTimeOffset nextAt, DateTimeOffset at, string? historyLine, CancellationToken cancellationToken = default);

    /// <summary>The message's hand-off; null when it has none.</summary>
    Task<EhrHandoff?> GetAsync(long messageId, CancellationToken cancellationToken = default);

    /// <summary>The practice's hand-offs that have not gone through (pending after a failed try, or refused), oldest first.</summary>
    Task<IReadOnlyList<EhrHandoff>> UndeliveredAsync(string practiceId, CancellationToken cancellationToken = default);
}
