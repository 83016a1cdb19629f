using Ivr.Domain.Dispatch;
using Ivr.Domain.Ehr;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// Hands due messages to their practices' EHRs every <see cref="DispatchOptions.PollInterval"/>; everything it needs is
/// in the database, so a restarted service (or another process) picks up where this one stopped. Off with dispatch.
/// </summary>
public sealed class EhrHandoffWorker(EhrHandoffs handoffs, DispatchOptions options, TimeProvider time, ILogger<EhrHandoffWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        logger.LogInformation("EHR hand-offs {Owner} started", handoffs.Owner);
        await PollingRounds.RunAsync(
            async cancellationToken => [handoffs.RunDueAsync(cancellationToken)],
            options.PollInterval,
            time,
            logger,
            "EHR hand-off poll",
            "An EHR hand-off failed; its message stays due and is tried again",
            stoppingToken);
    }
}
