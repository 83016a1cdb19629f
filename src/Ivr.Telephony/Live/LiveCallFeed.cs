using Ivr.Domain.Live;
using Ivr.Asterisk.Ami;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Live;

/// <summary>
/// Feeds the service's AMI connection to the <see cref="LiveCallTracker"/>: the channel events it
/// reads, and after every login (Asterisk sends <c>FullyBooted</c> to each new session) the channels
/// Asterisk really has, so a reconnect or an Asterisk restart leaves no ghost calls.
/// </summary>
public sealed class LiveCallFeed(AmiConnectionService ami, LiveCallTracker tracker, ILogger<LiveCallFeed> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        AmiClient client;
        try
        {
            client = await ami.ClientAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await using var subscription = client.Subscribe(
            (message, cancellationToken) => message.IsEvent("FullyBooted") ? ResynchroniseAsync(client, cancellationToken) : Apply(message),
            message => message.IsEvent("FullyBooted") || LiveCallTracker.AmiEvents.Contains(message.Name));
        client.ConnectionChanged += change =>
        {
            if (change.State != AmiConnectionState.Connected)
            {
                tracker.AmiDisconnected();
            }
        };

        // The first login's FullyBooted came before this subscription did.
        await ResynchroniseAsync(client, stoppingToken);
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private ValueTask Apply(AmiMessage message)
    {
        tracker.Apply(message);
        return ValueTask.CompletedTask;
    }

    private async ValueTask ResynchroniseAsync(AmiClient client, CancellationToken cancellationToken)
    {
        try
        {
            var mark = tracker.Mark();
            var channels = await client.SendListActionAsync(new AmiAction("CoreShowChannels"), cancellationToken);
            tracker.Resynchronise(mark, channels.Events);
            logger.LogInformation("Live view rebuilt from Asterisk: {Channels} channel(s), {Calls} call(s) in progress", channels.Events.Count, tracker.Snapshot().Calls.Count);
        }
        catch (AmiException exception)
        {
            // The next login tries again; until then the page says the view may be stale.
            logger.LogWarning("Could not list Asterisk's channels for the live view: {Reason}", exception.Message);
        }
    }
}
