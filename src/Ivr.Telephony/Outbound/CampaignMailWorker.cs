using Ivr.Domain.Dispatch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// Runs <see cref="CampaignMailer"/> every <see cref="Interval"/> (at once again after a full batch) wherever dispatch
/// runs (<c>Dispatch:Enabled</c>): a campaign's emails go out within a minute of its start. What it mailed is in the
/// database, so a restart mails nobody twice.
/// </summary>
public sealed class CampaignMailWorker(CampaignMailer mailer, DispatchOptions options, TimeProvider time, ILogger<CampaignMailWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await mailer.SendDueAsync(stoppingToken) >= CampaignMailer.BatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be busy or briefly gone; the next round tries again, nothing is lost.
                logger.LogError(exception, "Campaign email round failed");
            }

            if (full)
            {
                continue;
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
