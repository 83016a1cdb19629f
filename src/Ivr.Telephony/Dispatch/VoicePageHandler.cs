using System.Globalization;
using Ivr.Asterisk.Agi;
using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Practices;
using Ivr.Telephony.Prompts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// The clinician's side of a voice page (FastAGI script <c>page</c>): finds the attempt the page is
/// for and runs the voice page (<see cref="PageFlow"/>) on the clinician's line.
/// </summary>
public sealed class VoicePageHandler(
    IDispatchStore dispatch,
    IMessageStore messages,
    IPracticeStore practices,
    IAuditLog audit,
    SealedPlayback playback,
    PageSpeech speech,
    PendingOriginations pending,
    AsteriskServers ami,
    Trunk.TrunkDialing dialing,
    IOptions<ConferenceOptions> conference,
    IOptions<CallFlowOptions> options,
    TimeProvider time,
    PromptSounds sounds,
    ILogger<VoicePageHandler> logger)
{
    public async Task HandleAsync(AgiChannel channel, CancellationToken cancellationToken)
    {
        _ = long.TryParse(channel.Request.Query.GetValueOrDefault("attempt"), NumberStyles.None, CultureInfo.InvariantCulture, out var attemptId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UniqueId"] = channel.Request.UniqueId, ["Attempt"] = attemptId });

        // Only the channel this process originated for this attempt, while the page waits for it, hears
        // the message or may acknowledge it; the database is not even asked about anything else.
        if (channel.Request.UniqueId != OriginatedChannels.Page(attemptId) || !pending.IsPending(channel.Request.UniqueId))
        {
            logger.LogWarning("Page script for a channel the service did not originate or no longer waits for; hanging up");
            await channel.HangupAsync(cancellationToken);
            return;
        }

        var attempt = await dispatch.AttemptAsync(attemptId, cancellationToken);
        var message = attempt is null ? null : await messages.GetAsync(attempt.MessageId, cancellationToken);
        if (attempt is null || message is null || attempt.EndedAt is not null)
        {
            logger.LogWarning("Page for an unknown or finished attempt; hanging up");
            await channel.HangupAsync(cancellationToken);
            return;
        }

        var practice = await practices.GetAsync(message.PracticeId, cancellationToken);
        var session = new PageSession(attempt, message, practice);
        var line = new AgiPageChannel(new AgiClinicianChannel(channel, conference.Value, sounds.For(practice?.ToProfile())), playback, speech, ami.Named(pending.ServerOf(channel.Request.UniqueId)), dialing, conference.Value, logger);
        await new PageFlow(line, session, new PageDependencies(dispatch, messages, audit, time, options.Value)).RunAsync(cancellationToken);
        if (session.Acknowledged)
        {
            logger.LogInformation("Message {MessageId} acknowledged by {ClinicianId} on a voice page", message.Id, attempt.Recipient);
        }
    }
}
