using Ivr.Domain.Practices;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Practices;

/// <summary>
/// Keeps every practice's office information rendered ahead: at start and then every <see cref="Period"/>, the
/// sentences of the next <see cref="OfficeInformation.RenderAhead"/> (new days, hours or words imported from a file)
/// are made into audio. Words already rendered are not made again, so a round with nothing new costs file checks only.
/// </summary>
public sealed class OfficeInformationRenderService(IPracticeStore practices, IPracticePrompts prompts, TimeProvider time, ILogger<OfficeInformationRenderService> logger) : BackgroundService
{
    /// <summary>How often the sentences ahead are rendered again.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingRounds.RunAsync(
            async cancellationToken =>
            {
                await RenderAllAsync(cancellationToken);
                return [];
            },
            Period,
            time,
            logger,
            "Office information render",
            "Rendering office information failed; the next round tries again",
            stoppingToken);

    /// <summary>One round: every practice that offers office information; a practice that fails is logged and the next goes on.</summary>
    public async Task RenderAllAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Practice> all;
        try
        {
            all = await practices.ListAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(exception, "The practices could not be listed to render their office information; trying again in {Period}", Period);
            return;
        }

        foreach (var practice in all.Where(OfficePrompts.Offered))
        {
            try
            {
                var count = await OfficePrompts.RenderAsync(practice, prompts, time.GetUtcNow(), cancellationToken);
                logger.LogDebug("Office information of practice {PracticeId}: {Count} sentences rendered ahead", practice.Id, count);
            }
            catch (GreetingRenderException exception)
            {
                logger.LogError(exception, "The office information of practice {PracticeId} could not be rendered; its callers hear the fixed prompt until it is", practice.Id);
            }
        }
    }
}
