namespace Ivr.Asterisk.Ami;

/// <summary>Event subscriptions.</summary>
public sealed partial class AmiClient
{
    private readonly Lock _subscriptionsLock = new();
    private AmiSubscription[] _subscriptions = [];

    /// <summary>
    /// Subscribes to events. The handler runs on the subscription's own loop, one event at a time in
    /// arrival order; it may send actions and await them. Dispose the result to stop.
    /// </summary>
    /// <param name="handler">Called for each event that passes the filter.</param>
    /// <param name="filter">Which events to queue; null for all. Runs on the read loop: keep it cheap.</param>
    /// <param name="capacity">Queue length before events for this subscriber are dropped; default from the options.</param>
    public AmiSubscription Subscribe(Func<AmiMessage, CancellationToken, ValueTask> handler, Func<AmiMessage, bool>? filter = null, int? capacity = null)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var subscription = new AmiSubscription(handler, filter, capacity ?? _options.SubscriberQueueCapacity, Unsubscribe, _diagnostics);
        lock (_subscriptionsLock)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    private void Unsubscribe(AmiSubscription subscription)
    {
        lock (_subscriptionsLock)
        {
            _subscriptions = _subscriptions.Where(s => !ReferenceEquals(s, subscription)).ToArray();
        }
    }

    private void Publish(AmiMessage message)
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Offer(message);
        }
    }

    private async Task CloseSubscriptionsAsync()
    {
        AmiSubscription[] subscriptions;
        lock (_subscriptionsLock)
        {
            subscriptions = _subscriptions;
        }

        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }
}
