using System.Collections.Concurrent;
using System.Globalization;
using Ivr.Asterisk.Ami;
using Ivr.Testing;

namespace Ivr.DeskBench;

/// <summary>
/// The channel events of the run as Asterisk stamped them (manager.conf's <c>timestampevents</c>): the
/// patients' AGI commands (AGIExecStart/End: the service's AMI user may not read keys, and the menu's
/// command ends when the key is pressed), the operators' lines created, ringing and answered
/// (Newchannel, Newstate), and the patients' hangups.
/// </summary>
public sealed class AmiTimeline : IAsyncDisposable
{
    private readonly AmiClient _ami;
    private readonly AmiSubscription _subscription;
    private readonly ConcurrentQueue<ChannelEvent> _events = new();

    private AmiTimeline(AmiClient ami)
    {
        _ami = ami;
        _subscription = ami.Subscribe(
            (e, _) =>
            {
                _events.Enqueue(new ChannelEvent(e.Name, e["Uniqueid"] ?? string.Empty, e["ChannelStateDesc"], e["Command"], At(e)));
                return ValueTask.CompletedTask;
            },
            e => e.IsEvent("AGIExecStart") || e.IsEvent("AGIExecEnd") || e.IsEvent("Newchannel") || e.IsEvent("Newstate") || e.IsEvent("Hangup"),
            capacity: 100_000);
    }

    public static async Task<AmiTimeline> StartAsync()
    {
        var options = RealAsterisk.AmiOptions();
        options.Events = "call,agi";
        return new AmiTimeline(await AmiClient.ConnectAsync(options));
    }

    public IReadOnlyList<ChannelEvent> Events() => [.. _events];

    private static DateTimeOffset At(AmiMessage e) =>
        e["Timestamp"] is { } stamp && double.TryParse(stamp, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : DateTimeOffset.UtcNow;

    public async ValueTask DisposeAsync()
    {
        await _subscription.DisposeAsync();
        await _ami.DisposeAsync();
    }
}

/// <summary>One channel event: its name, the channel's uniqueid, the new state or the AGI command, when.</summary>
public sealed record ChannelEvent(string Name, string UniqueId, string? State, string? Command, DateTimeOffset At);
