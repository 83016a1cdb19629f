using System.Collections.Concurrent;

namespace Ivr.DeskBench;

/// <summary>
/// When each call's card first reached an operator's desk page (the event stream's view naming the call),
/// and when, by the card itself, the caller joined the queue (the service's clock, on this machine).
/// </summary>
public sealed class CardLog
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, DateTimeOffset QueuedAt)> _first = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string CallId, string Operator), byte> _perPage = new();

    /// <summary>Records the card's arrival at <paramref name="operatorName"/>'s page; true the first time that page got it.</summary>
    public bool Arrived(string callId, string operatorName, DateTimeOffset at, DateTimeOffset queuedAt)
    {
        _first.TryAdd(callId, (at, queuedAt));
        return _perPage.TryAdd((callId, operatorName), 0);
    }

    public DateTimeOffset? Of(string callId) => _first.TryGetValue(callId, out var card) ? card.At : null;

    /// <summary>From the caller joining the queue to their card on a page, for every card.</summary>
    public IReadOnlyList<TimeSpan> QueuedToCard() => [.. _first.Values.Select(c => c.At - c.QueuedAt)];
}
