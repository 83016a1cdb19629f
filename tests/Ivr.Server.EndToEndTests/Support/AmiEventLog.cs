using System.Collections.Concurrent;
using Ivr.Asterisk.Ami;

namespace Ivr.Server.EndToEndTests.Support;

/// <summary>Keeps every AMI event of one kind the test's own connection sees, with when it arrived.</summary>
public sealed class AmiEventLog : IAsyncDisposable
{
    private readonly ConcurrentQueue<(AmiMessage Event, DateTimeOffset At)> _events = new();
    private readonly AmiSubscription _subscription;

    public AmiEventLog(AmiClient ami, string eventName) =>
        _subscription = ami.Subscribe(
            (e, _) =>
            {
                _events.Enqueue((e, DateTimeOffset.UtcNow));
                return ValueTask.CompletedTask;
            },
            e => e.IsEvent(eventName));

    public IReadOnlyList<AmiMessage> Events => _events.Select(e => e.Event).ToList();

    /// <summary>When the first matching event arrived, if one has.</summary>
    public DateTimeOffset? FirstAt(Func<AmiMessage, bool> match) =>
        _events.Where(e => match(e.Event)).Select(e => (DateTimeOffset?)e.At).FirstOrDefault();

    /// <summary>For a log of ConfbridgeJoin: the first conference at least two channels joined.</summary>
    public string? RoomWithTwo() => Events.GroupBy(j => j["Conference"]).FirstOrDefault(g => g.Count() >= 2)?.Key;

    public ValueTask DisposeAsync() => _subscription.DisposeAsync();
}
