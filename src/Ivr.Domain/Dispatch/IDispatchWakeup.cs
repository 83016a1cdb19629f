namespace Ivr.Domain.Dispatch;

/// <summary>
/// Tells the dispatcher that a message arrived before its next poll is due, where the database can say so
/// (PostgreSQL's NOTIFY). The poll stays: a wake-up that is lost only delays a message until the next round.
/// </summary>
public interface IDispatchWakeup
{
    /// <summary>Completes at the first new dispatch after this call (or never, until <paramref name="cancellationToken"/>).</summary>
    Task NextAsync(CancellationToken cancellationToken);
}
