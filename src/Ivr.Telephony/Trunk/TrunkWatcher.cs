using System.Threading.Channels;
using Ivr.Asterisk.Ami;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Hosting;

namespace Ivr.Telephony.Trunk;

/// <summary>
/// Watches the carrier trunk's registration over the service's AMI connection: Asterisk's <c>Registry</c> events, every
/// login (<c>FullyBooted</c>) and every <see cref="TrunkOptions.RegistrationCheck"/> lead to one
/// <c>PJSIPShowRegistrationsOutbound</c>, whose answer goes to <see cref="TrunkHealth"/>. Does nothing without a trunk.
/// </summary>
public sealed class TrunkWatcher(AmiConnectionService ami, TrunkHealth health, TrunkOptions options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Configured)
        {
            return;
        }

        if (await ami.ClientUnlessStoppedAsync(stoppingToken) is not { } client)
        {
            return;
        }

        // Events only ask for a check; the checks run one at a time here, never on AMI's reading thread.
        var asks = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        await using var subscription = client.Subscribe(
            (_, _) =>
            {
                asks.Writer.TryWrite(true);
                return ValueTask.CompletedTask;
            },
            message => message.IsEvent("FullyBooted") || TrunkRegistrationList.IsRegistryChange(message));

        using var timer = new PeriodicTimer(options.RegistrationCheck, time);
        var ticks = TickAsync(timer, asks.Writer, stoppingToken);
        asks.Writer.TryWrite(true);
        try
        {
            await foreach (var _ in asks.Reader.ReadAllAsync(stoppingToken))
            {
                await health.CheckAsync(client, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await ticks;
    }

    private static async Task TickAsync(PeriodicTimer timer, ChannelWriter<bool> asks, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                asks.TryWrite(true);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
