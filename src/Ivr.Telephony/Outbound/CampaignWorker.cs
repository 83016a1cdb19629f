using Ivr.Domain.Outbound;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// Runs the campaign dialler every <see cref="OutboundOptions.PollInterval"/>. Everything it needs is in the database,
/// so a restarted service goes on where the old one stood; calls in progress end with the service, their leases run
/// out, and their attempts are closed as interrupted (still counted against the day's calls).
/// </summary>
public sealed class CampaignWorker(CampaignDialler dialler, OutboundOptions options, TimeProvider time, ILogger<CampaignWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogWarning("Outbound campaigns are turned off in this process (Outbound:Enabled=false)");
            return;
        }

        logger.LogInformation("Campaign dialler {Owner} started", dialler.Owner);
        var running = new List<Task>();
        var surge = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var round = await dialler.RunDueAsync(stoppingToken);
                running.AddRange(round.Calls);
                foreach (var finished in round.Finished)
                {
                    logger.LogInformation("Campaign {CampaignId} is over: nobody is left to call, or its end passed", finished);
                }

                foreach (var held in round.Held)
                {
                    logger.LogInformation("A campaign patient was held back by {Rule} until {NotBefore}", held.Rule, held.NotBefore);
                }

                if (round.Surge != surge)
                {
                    surge = round.Surge;
                    logger.LogWarning(surge ? "Inbound surge: campaign dialling paused" : "Inbound surge over: campaign dialling resumed");
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be busy or briefly gone; the next round tries again, nothing is lost.
                logger.LogError(exception, "Campaign dialling round failed");
            }

            foreach (var failed in running.Where(t => t.IsFaulted))
            {
                logger.LogError(failed.Exception, "A campaign call could not close its attempt; its lease runs out and the patient is called again");
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

        await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }
}
