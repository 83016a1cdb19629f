using Ivr.Asterisk.Ami;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Hosting;

namespace Ivr.Telephony.Desk;

/// <summary>
/// Tells the desk of every channel entering a conference room on any Asterisk (AMI <c>ConfbridgeJoin</c>), so a caller who
/// stepped into their room just as the desk moved their call on is taken out again (<see cref="DeskService.EnteredRoomAsync"/>).
/// </summary>
public sealed class DeskRoomWatcher(AsteriskServers servers, DeskService desk) : BackgroundService
{
    private int _watching;
    private readonly TaskCompletionSource _allWatched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every enabled server's events are watched (each after its first login).</summary>
    public Task Watching => _allWatched.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var enabled = servers.All.Where(s => s.Enabled).ToList();
        _watching = enabled.Count;
        if (enabled.Count == 0)
        {
            _allWatched.TrySetResult();
        }

        return Task.WhenAll(enabled.Select(server => WatchAsync(server, stoppingToken)));
    }

    private async Task WatchAsync(AmiConnectionService server, CancellationToken stoppingToken)
    {
        if (await server.ClientUnlessStoppedAsync(stoppingToken) is not { } client)
        {
            return;
        }

        await using var subscription = client.Subscribe(
            async (message, _) => await desk.EnteredRoomAsync(message["Conference"] ?? string.Empty, message["Channel"] ?? string.Empty),
            message => message.IsEvent("ConfbridgeJoin"));
        if (Interlocked.Decrement(ref _watching) == 0)
        {
            _allWatched.TrySetResult();
        }

        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
