using System.Globalization;
using Ivr.Asterisk.Agi;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Prompts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// The patient's side of a campaign call (FastAGI script <c>outbound</c>): finds the attempt the call is for, makes sure
/// the campaign's words are audio, and runs the call (<see cref="OutboundFlow"/>) on the patient's line.
/// </summary>
public sealed class OutboundCallHandler(
    ICampaignStore store,
    IPracticeStore practices,
    ICampaignSpeech speech,
    CampaignCalls calls,
    PendingOriginations pending,
    IOptions<RecordingOptions> recordings,
    IOptions<ConferenceOptions> conference,
    IOptions<OutboundLineOptions> options,
    TimeProvider time,
    PromptSounds sounds,
    ICampaignSlotSource slots,
    ILogger<OutboundCallHandler> logger)
{
    public const string Script = "outbound";

    public async Task HandleAsync(AgiChannel channel, CancellationToken cancellationToken)
    {
        _ = long.TryParse(channel.Request.Query.GetValueOrDefault("attempt"), NumberStyles.None, CultureInfo.InvariantCulture, out var attemptId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UniqueId"] = channel.Request.UniqueId, ["CampaignAttempt"] = attemptId });

        // Only the channel this process originated for this attempt, while its dialler waits for it, is served.
        if (channel.Request.UniqueId != OriginatedChannels.Outbound(attemptId) || !pending.IsPending(channel.Request.UniqueId))
        {
            logger.LogWarning("Campaign script for a channel the service did not originate or no longer waits for; hanging up");
            await channel.HangupAsync(cancellationToken);
            return;
        }

        var attempt = await store.AttemptAsync(attemptId, cancellationToken);
        var patient = attempt is null ? null : await store.PatientAsync(attempt.PatientId, cancellationToken);
        var campaign = attempt is null ? null : await store.GetAsync(attempt.CampaignId, cancellationToken);
        if (attempt is null || patient is null || campaign is null || attempt.EndedAt is not null)
        {
            logger.LogWarning("Campaign call for an unknown or finished attempt; hanging up");
            await channel.HangupAsync(cancellationToken);
            return;
        }

        var practice = await practices.GetAsync(campaign.PracticeId, cancellationToken);
        CampaignPrompts prompts;
        try
        {
            prompts = await speech.RenderAsync(campaign, practice?.Name ?? OutboundCallNames.UnknownPractice, cancellationToken);
        }
        catch (GreetingRenderException exception)
        {
            // Without its words the call cannot say anything true: it ends, the patient is called again later.
            logger.LogError("Campaign {CampaignId}: its words could not be made into audio: {Reason}", campaign.Id, exception.Message);
            await calls.FinishAsync(attemptId, AttemptResult.Failed, "the campaign's words could not be made into audio", CancellationToken.None);
            await channel.HangupAsync(cancellationToken);
            return;
        }

        var line = new AgiOutboundChannel(
            channel,
            new AgiCallerChannel(channel, recordings.Value, conference.Value, sounds.For(practice?.ToProfile())),
            new AgiClinicianChannel(channel, conference.Value, sounds.For(practice?.ToProfile())),
            options.Value);
        var session = await new OutboundFlow(line, new OutboundSession(attempt, patient, campaign, practice, prompts), store, calls, time, slots).RunAsync(cancellationToken);
        logger.LogInformation("Campaign {CampaignId} attempt {AttemptId}: {Result}", campaign.Id, attemptId, session.Result);
    }
}
