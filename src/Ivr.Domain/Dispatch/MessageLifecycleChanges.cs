using Ivr.Domain.Messages;

namespace Ivr.Domain.Dispatch;

/// <summary>Loads a message's lifecycle, lets the domain decide, and persists the decision.</summary>
public static class MessageLifecycleChanges
{
    /// <summary>
    /// Runs <paramref name="decide"/> on the message's lifecycle and saves what it changed. When another
    /// process moved the message in between, the save is refused and the decision is taken again on
    /// what it did; that ends, as a message only moves forward. False when the domain refused (or there
    /// is no such message).
    /// </summary>
    public static async Task<bool> ChangeAsync(this IDispatchStore store, long messageId, Func<MessageLifecycle, bool> decide, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var lifecycle = await store.LifecycleAsync(messageId, cancellationToken).ConfigureAwait(false);
            if (lifecycle is null || !decide(lifecycle))
            {
                return false;
            }

            if (await store.SaveAsync(lifecycle, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Moves a message forward to <paramref name="status"/> (never back, never twice) in the name of
    /// <paramref name="actor"/>; acknowledgement stops its dispatch in the same transaction. False when
    /// it was there or past already.
    /// </summary>
    public static Task<bool> AdvanceAsync(this IDispatchStore store, long messageId, MessageStatus status, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        store.ChangeAsync(messageId, lifecycle => lifecycle.Advance(status, actor, at, detail), cancellationToken);

    /// <summary>As <see cref="AdvanceAsync(IDispatchStore, long, MessageStatus, string, string, DateTimeOffset, CancellationToken)"/>, with the person's note (kept encrypted).</summary>
    public static Task<bool> AdvanceAsync(this IDispatchStore store, long messageId, MessageStatus status, string actor, string detail, string? note, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        store.ChangeAsync(messageId, lifecycle => lifecycle.Advance(status, actor, at, detail, note), cancellationToken);
}
