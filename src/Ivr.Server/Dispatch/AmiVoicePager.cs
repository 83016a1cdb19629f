using System.Globalization;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Server.Calls;
using Ivr.Server.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Dispatch;

/// <summary>
/// Pages a clinician with AMI Originate: the answered call runs the <c>page</c> FastAGI script
/// (<see cref="VoicePageHandler"/>), which writes what the clinician does to the database. This side
/// waits for the attempt to close there, so it works whichever service process the page lands on.
/// </summary>
public sealed class AmiVoicePager(
    AmiConnectionService ami,
    IDispatchStore dispatch,
    IMessageStore messages,
    IOptions<ConferenceOptions> conference,
    DispatchOptions options,
    ILogger<AmiVoicePager> logger) : IVoicePager
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public async Task<PageOutcome> PageAsync(PageRequest request, CancellationToken cancellationToken = default)
    {
        var client = await ami.ClientAsync(cancellationToken);
        var channelId = $"page-{request.AttemptId}";
        var originate = new AmiAction("Originate")
            .Add("Channel", request.Contact.DialString)
            .Add("Application", "AGI")
            .Add("Data", $"{conference.Value.AgiBase}/page?attempt={request.AttemptId}")
            .Add("Timeout", ((int)request.Contact.RingTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
            .Add("CallerID", "\"Answering service\" <answering-service>")
            .Add("ChannelId", channelId);
        AmiOriginateResult result;
        try
        {
            result = await client.OriginateAsync(originate, request.Contact.RingTimeout + TimeSpan.FromSeconds(15), cancellationToken);
        }
        catch (AmiException exception)
        {
            return new PageOutcome("failed", exception.Message);
        }

        if (!result.Answered)
        {
            var outcome = result.Reason switch { 5 => "busy", 3 or 1 => "no-answer", _ => "failed" };
            logger.LogInformation("Page {AttemptId} to {ClinicianId}: {Outcome}", request.AttemptId, request.Contact.ClinicianId, outcome);
            return new PageOutcome(outcome, $"Asterisk reason {result.Reason}");
        }

        // Answered: the page script records the outcome. Wait for it, within reason.
        var deadline = DateTimeOffset.UtcNow + options.PageTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(Poll, cancellationToken);
            if (await dispatch.AttemptAsync(request.AttemptId, cancellationToken) is { EndedAt: not null } finished)
            {
                logger.LogInformation("Page {AttemptId} to {ClinicianId}: {Outcome}", request.AttemptId, request.Contact.ClinicianId, finished.Outcome);
                return new PageOutcome(finished.Outcome, finished.Detail);
            }

            // Someone else acknowledged meanwhile: this page has nothing left to say. (When this
            // clinician acknowledged, the page is thanking them; the attempt closes in a moment.)
            if ((await messages.GetAsync(request.MessageId, cancellationToken))?.Status >= MessageStatus.Acknowledged
                && (await dispatch.HistoryAsync(request.MessageId, cancellationToken)).LastOrDefault(h => h.Status == MessageStatus.Acknowledged)?.Actor != request.Contact.ClinicianId)
            {
                await HangUpAsync(client, channelId);
                return new PageOutcome("cancelled", "acknowledged by someone else during this page");
            }
        }

        await HangUpAsync(client, channelId);
        return new PageOutcome("no-response", "answered but the page did not finish in time");
    }

    private async Task HangUpAsync(AmiClient client, string channelId)
    {
        try
        {
            var channels = await client.SendListActionAsync(new AmiAction("CoreShowChannels"));
            foreach (var channel in channels.Events.Where(e => e["Uniqueid"] == channelId))
            {
                await client.SendActionAsync(new AmiAction("Hangup").Add("Channel", channel["Channel"]!));
            }
        }
        catch (AmiException exception)
        {
            logger.LogWarning("Could not hang up page {ChannelId}: {Reason}", channelId, exception.Message);
        }
    }
}
