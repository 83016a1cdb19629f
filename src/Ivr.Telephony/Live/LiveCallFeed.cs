using Ivr.Domain.Live;
using Ivr.Asterisk.Ami;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Live;

/// <summary>
/// Feeds every Asterisk server's AMI connection to the <see cref="LiveCallTracker"/>: the channel events it
/// reads, and after every login (Asterisk sends <c>FullyBooted</c> to each new session) the channels
/// that server really has, so a reconnect or an Asterisk restart leaves no ghost calls. A server's list
/// removes only the calls that server carries.
/// </summary>
public sealed class LiveCallFeed(AsteriskServers servers, LiveCallTracker tracker, ILogger<LiveCallFeed> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(servers.All.Where(s => s.Enabled).Select(server => FeedAsync(server, stoppingToken)));

    private async Task FeedAsync(AmiConnectionService server, CancellationToken stoppingToken)
    {
        if (await server.ClientUnlessStoppedAsync(stoppingToken) is not { } client)
        {
            return;
        }

        await using var subscription = client.Subscribe(
            (message, cancellationToken) => message.IsEvent("FullyBooted") ? ResynchroniseAsync(server, client, cancellationToken) : Apply(message),
            message => message.IsEvent("FullyBooted") || LiveCallTracker.AmiEvents.Contains(message.Name));
        client.ConnectionChanged += change =>
        {
            if (change.State != AmiConnectionState.Connected)
            {
                tracker.AmiDisconnected(server.Name);
            }
        };

        // The first login's FullyBooted came before this subscription did.
        await ResynchroniseAsync(server, client, stoppingToken);
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private ValueTask Apply(AmiMessage message)
    {
        tracker.Apply(message);
        return ValueTask.CompletedTask;
    }

    private async ValueTask ResynchroniseAsync(AmiConnectionService server, AmiClient client, CancellationToken cancellationToken)
    {
        try
        {
            var mark = tracker.Mark();
            var channels = await client.SendListActionAsync(new AmiAction("CoreShowChannels"), cancellationToken);
            tracker.Resynchronise(mark, channels.Events, server.Name, callId => servers.For(callId) == server);
            logger.LogInformation(
                "Live view rebuilt from {Server}: {Channels} channel(s), {Calls} call(s) in progress in all",
                server.Label,
                channels.Events.Count,
                tracker.Snapshot().Calls.Count);
        }
        catch (AmiException exception)
        {
            // The next login tries again; until then the page says the view may be stale.
            logger.LogWarning("Could not list {Server}'s channels for the live view: {Reason}", server.Label, exception.Message);
        }
    }
}
