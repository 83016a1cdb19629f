using System.Threading.Channels;
using Ivr.Asterisk.Ami;
using Microsoft.Extensions.Hosting;

namespace Ivr.Telephony.Hosting;

/// <summary>
/// Watches each Asterisk server's AMI connection for <see cref="AsteriskHealth"/>: logged in or lost (the client's own
/// reconnecting), <c>FullyBooted</c> after each login and <c>Shutdown</c> when Asterisk stops; and every
/// <see cref="AsteriskHealthOptions.Check"/> measures a lost server against the grace.
/// </summary>
public sealed class AsteriskHealthWatcher(AsteriskServers servers, AsteriskHealth health, AsteriskHealthOptions options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watched = servers.All.Where(s => s.Enabled).ToArray();
        if (watched.Length == 0)
        {
            return;
        }

        // Seen on AMI's threads, observed here one at a time.
        var seen = Channel.CreateUnbounded<(AmiConnectionService Server, bool Up, string Words)>();
        void OnState(AmiConnectionService server, AmiConnectionState state) =>
            seen.Writer.TryWrite((server, state == AmiConnectionState.Connected, state == AmiConnectionState.Connected ? "connected" : "not reachable"));
        foreach (var server in watched)
        {
            server.StateChanged += OnState;
        }

        var subscriptions = watched.Select(server => WatchEventsAsync(server, seen.Writer, stoppingToken)).ToArray();
        using var timer = new PeriodicTimer(options.Check, time);
        var ticks = TickAsync(timer, stoppingToken);
        try
        {
            // A login before the subscription above is taken from the client's state.
            foreach (var server in watched.Where(s => s.IsUp))
            {
                seen.Writer.TryWrite((server, true, "connected"));
            }

            await foreach (var (server, up, words) in seen.Reader.ReadAllAsync(stoppingToken))
            {
                await health.ObserveAsync(server, up, words, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var server in watched)
            {
                server.StateChanged -= OnState;
            }
        }

        await ticks;
        await Task.WhenAll(subscriptions);
    }

    private static async Task WatchEventsAsync(AmiConnectionService server, ChannelWriter<(AmiConnectionService, bool, string)> seen, CancellationToken cancellationToken)
    {
        if (await server.ClientUnlessStoppedAsync(cancellationToken) is not { } client)
        {
            return;
        }

        await using var subscription = client.Subscribe(
            (message, _) =>
            {
                // Events wait in the subscription's queue: a FullyBooted read after the line dropped again says nothing.
                seen.TryWrite(message.IsEvent("Shutdown")
                    ? (server, false, string.Equals(message["Restart"], "True", StringComparison.OrdinalIgnoreCase) ? "restarting" : "shut down")
                    : (server, server.IsUp, server.IsUp ? "connected" : "not reachable"));
                return ValueTask.CompletedTask;
            },
            message => message.IsEvent("Shutdown") || message.IsEvent("FullyBooted"));
        await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task TickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await health.CheckAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
