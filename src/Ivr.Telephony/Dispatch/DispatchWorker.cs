using Ivr.Domain.Dispatch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// Asks the database for due dispatch steps every <see cref="DispatchOptions.PollInterval"/> and runs
/// them. Everything it needs is in the database, so a restarted service picks up every escalation
/// where it stood, on time; the leftover plain playback copies of a killed service are deleted first,
/// and the messages Asterisk's safety net took are imported every few seconds, in a loop of their own:
/// nothing a note holds can stop paging.
/// </summary>
public sealed class DispatchWorker(Dispatcher dispatcher, SealedPlayback playback, SafetyNetImporter safetyNet, DispatchOptions options, TimeProvider time, ILogger<DispatchWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ImportInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogWarning("Dispatch is turned off in this process (Dispatch:Enabled=false): messages wait for another process to dispatch them");
            return;
        }

        playback.DeleteLeftovers();
        logger.LogInformation("Dispatcher {Owner} started", dispatcher.Owner);
        var importing = ImportLoopAsync(stoppingToken);
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                running.AddRange(await dispatcher.RunDueAsync(stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be busy or briefly gone; the next poll tries again, nothing is lost.
                logger.LogError(exception, "Dispatch poll failed");
            }

            foreach (var failed in running.Where(t => t.IsFaulted))
            {
                logger.LogError(failed.Exception, "A dispatch step failed; its message stays due and is tried again");
            }

            running.RemoveAll(t => t.IsCompleted);
            try
            {
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Steps in flight end with the service; their leases expire and a restarted service goes on.
        await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        await importing;
    }

    /// <summary>Imports the safety net's messages every <see cref="ImportInterval"/>; whatever it throws is logged and tried again.</summary>
    private async Task ImportLoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await safetyNet.ImportAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Safety-net import failed; paging goes on and the import is tried again");
            }

            try
            {
                await Task.Delay(ImportInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
