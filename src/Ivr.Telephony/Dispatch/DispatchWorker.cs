using Ivr.Domain.Dispatch;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// Asks the database for due dispatch steps every <see cref="DispatchOptions.PollInterval"/> and runs
/// them. Everything it needs is in the database, so a restarted service picks up every escalation
/// where it stood, on time; the leftover plain playback copies of a killed service are deleted first,
/// and the messages Asterisk's safety net took are imported every few seconds, in a loop of their own:
/// nothing a note holds can stop paging. Where the database tells of new messages (<see cref="IDispatchWakeup"/>, on
/// PostgreSQL) a new message ends the pause at once instead of waiting for the next poll.
/// </summary>
public sealed class DispatchWorker(Dispatcher dispatcher, SealedPlayback playback, SafetyNetImporter safetyNet, DispatchOptions options, TimeProvider time, ILogger<DispatchWorker> logger, IDispatchWakeup? wakeup = null) : BackgroundService
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
        await PollingRounds.RunAsync(
            dispatcher.RunDueAsync,
            options.PollInterval,
            time,
            logger,
            "Dispatch poll",
            "A dispatch step failed; its message stays due and is tried again",
            stoppingToken,
            wakeup is null ? null : wakeup.NextAsync);
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
