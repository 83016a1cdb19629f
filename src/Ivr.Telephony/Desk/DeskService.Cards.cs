namespace Ivr.Telephony.Desk;

/// <summary>
/// The card before the ring: while an operator's desk page is open, a call offered to them rings their phone
/// once the page says it shows the call's card, or after <c>Desk:CardWait</c> if it does not (a stalled
/// browser never keeps a caller from an operator).
/// </summary>
public sealed partial class DeskService
{
    private readonly Dictionary<string, int> _watching = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Operator, string CallId), TaskCompletionSource> _cardsAwaited = [];

    public IDisposable Watch(string operatorName)
    {
        lock (_gate)
        {
            _watching[operatorName] = _watching.GetValueOrDefault(operatorName) + 1;
        }

        return new PageClosed(this, operatorName);
    }

    public void CardShown(string operatorName, string callId)
    {
        lock (_gate)
        {
            if (_cardsAwaited.Remove((operatorName, callId), out var sent))
            {
                sent.TrySetResult();
            }
        }
    }

    /// <summary>Under the lock, before the offer is announced: the card the ring of <paramref name="callId"/> waits for, when the operator's page is open.</summary>
    private void AwaitCard(string operatorName, string callId)
    {
        if (_watching.GetValueOrDefault(operatorName) > 0)
        {
            _cardsAwaited[(operatorName, callId)] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Waits until the operator's page shows the card of <paramref name="callId"/>, at most <c>Desk:CardWait</c>; at once when no page was open.</summary>
    private async Task CardFirstAsync(string operatorName, string callId)
    {
        Task sent;
        lock (_gate)
        {
            if (!_cardsAwaited.TryGetValue((operatorName, callId), out var awaited))
            {
                return;
            }

            sent = awaited.Task;
        }

        await Task.WhenAny(sent, Task.Delay(options.Value.CardWait, time));
        lock (_gate)
        {
            _cardsAwaited.Remove((operatorName, callId));
        }
    }

    private void Unwatch(string operatorName)
    {
        lock (_gate)
        {
            if (_watching.GetValueOrDefault(operatorName) <= 1)
            {
                _watching.Remove(operatorName);
                foreach (var key in _cardsAwaited.Keys.Where(k => k.Operator == operatorName).ToList())
                {
                    // The page closed: it will show nothing, so its rings wait no longer.
                    _cardsAwaited.Remove(key, out var awaited);
                    awaited!.TrySetResult();
                }
            }
            else
            {
                _watching[operatorName]--;
            }
        }
    }

    private sealed class PageClosed(DeskService desk, string operatorName) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                desk.Unwatch(operatorName);
            }
        }
    }
}
