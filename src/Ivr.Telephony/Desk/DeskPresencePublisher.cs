using Ivr.Domain.Desk;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Desk;

/// <summary>
/// Publishes this process's desk to the shared database (<see cref="IDeskPresenceStore"/>) whenever it changes and every
/// <see cref="Every"/> besides, so other processes know where to hand a caller they have nobody (or nobody free) for;
/// withdraws it when the service stops. A failed write is logged and tried again at the next change or heartbeat. At
/// each heartbeat, and whenever who is free here changes, it also runs a round of the shared queue
/// (<see cref="DeskService.ShareQueueAsync"/>): this desk's callers written, claims on them acted on, callers elsewhere
/// claimed for those free here.
/// </summary>
public sealed class DeskPresencePublisher(DeskService desk, IDeskPresenceStore store, IDeskQueueStore queue, TimeProvider time, ILogger<DeskPresencePublisher> logger) : BackgroundService
{
    /// <summary>The heartbeat: how often the desk is published when nothing changes.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        DeskPresence? published = null;
        var publishedAt = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = desk.Changed;
            var now = desk.Presence();
            var heartbeat = published is null || time.GetElapsedTime(publishedAt) >= Every;

            // The desk changes with every caller; the others need to know only who is signed in and free, and that this process lives.
            var changedFree = heartbeat || now with { SeenAt = published!.SeenAt } != published;
            if (changedFree)
            {
                try
                {
                    await store.PublishAsync(now, stoppingToken);
                    published = now;
                    publishedAt = time.GetTimestamp();
                    if (failing)
                    {
                        logger.LogInformation("This process's desk is published again");
                    }

                    failing = false;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    if (!failing)
                    {
                        logger.LogWarning(exception, "This process's desk could not be published; other processes may not hand callers to it until it is");
                    }

                    failing = true;
                }
            }

            if (changedFree)
            {
                // Someone here just became free, or a heartbeat: the shared queue is written, read and claimed from now.
                await desk.ShareQueueAsync(stoppingToken);
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var next = failing || published is null ? Every : Every - time.GetElapsedTime(publishedAt);
            await Task.WhenAny(changed, Task.Delay(next > TimeSpan.Zero ? next : TimeSpan.Zero, time, wake.Token));
            await wake.CancelAsync();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await store.WithdrawAsync(desk.Presence().AgiUrl, cancellationToken);
            await queue.WithdrawAsync(desk.Presence().AgiUrl, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "This process's desk could not be withdrawn; others stop handing callers to it once its row is stale");
        }
    }
}
