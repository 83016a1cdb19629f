using System.Threading.Channels;

namespace Ivr.Asterisk.Ami;

/// <summary>
/// One subscriber's queue of events and the loop that hands them over in order. A subscriber that
/// falls behind fills only its own queue; when that is full, new events for it are dropped and
/// counted (and reported), never blocking the read loop, the other subscribers or action replies.
/// </summary>
public sealed class AmiSubscription : IAsyncDisposable
{
    private readonly Channel<AmiMessage> _queue;
    private readonly Func<AmiMessage, bool>? _filter;
    private readonly Func<AmiMessage, CancellationToken, ValueTask> _handler;
    private readonly Action<AmiSubscription> _onDispose;
    private readonly Action<AsteriskDiagnostic>? _diagnostics;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private long _dropped;
    private int _disposed;

    internal AmiSubscription(
        Func<AmiMessage, CancellationToken, ValueTask> handler,
        Func<AmiMessage, bool>? filter,
        int capacity,
        Action<AmiSubscription> onDispose,
        Action<AsteriskDiagnostic>? diagnostics)
    {
        _handler = handler;
        _filter = filter;
        _onDispose = onDispose;
        _diagnostics = diagnostics;
        _queue = Channel.CreateBounded<AmiMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Events dropped because this subscriber's queue was full.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>Stops the subscription; events already queued are not delivered.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _onDispose(this);
        _queue.Writer.TryComplete();
        _stop.Cancel();
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Called on the read loop: never blocks.</summary>
    internal void Offer(AmiMessage message)
    {
        if (_filter is not null && !_filter(message))
        {
            return;
        }

        if (!_queue.Writer.TryWrite(message) && _disposed == 0)
        {
            var dropped = Interlocked.Increment(ref _dropped);
            if (dropped == 1 || dropped % 1000 == 0)
            {
                _diagnostics?.Invoke(new AsteriskDiagnostic(
                    AsteriskDiagnosticLevel.Warning,
                    "AmiSubscriberOverflow",
                    $"An AMI subscriber is too slow; {dropped} event(s) dropped for it so far."));
            }
        }
    }

    /// <summary>Lets queued events drain, then ends (used when the client closes).</summary>
    internal void Complete() => _queue.Writer.TryComplete();

    internal Task Completion => _pump;

    private async Task PumpAsync()
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            try
            {
                await _handler(message, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                _diagnostics?.Invoke(new AsteriskDiagnostic(AsteriskDiagnosticLevel.Error, "AmiSubscriberFailed", $"An AMI event handler threw on {message.Name}.", exception));
            }
        }
    }
}
