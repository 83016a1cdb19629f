using Ivr.Domain.Outbound;
using Ivr.Telephony.Hosting;
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
        var surge = false;
        await PollingRounds.RunAsync(
            async cancellationToken =>
            {
                var round = await dialler.RunDueAsync(cancellationToken);
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

                return round.Calls;
            },
            options.PollInterval,
            time,
            logger,
            "Campaign dialling round",
            "A campaign call could not close its attempt; its lease runs out and the patient is called again",
            stoppingToken);
    }
}
