using System.Globalization;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Trunk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// Pages a clinician with AMI Originate: the answered call runs the <c>page</c> FastAGI script
/// (<see cref="VoicePageHandler"/>), which writes what the clinician does to the database. This side
/// waits for the attempt to close there, so it works whichever service process the page lands on. A page belongs to no
/// call: it goes out through the process's own Asterisk, or another when that one is down.
/// </summary>
public sealed class AmiVoicePager(
    AsteriskServers ami,
    IDispatchStore dispatch,
    IMessageStore messages,
    AgiScriptUrl agi,
    TrunkDialing dialing,
    PendingOriginations pending,
    DispatchOptions options,
    ILogger<AmiVoicePager> logger) : IVoicePager
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public async Task<PageOutcome> PageAsync(PageRequest request, CancellationToken cancellationToken = default)
    {
        var (server, client) = await ami.AnyAsync(cancellationToken);
        var channelId = OriginatedChannels.Page(request.AttemptId);
        var originate = new AmiAction("Originate")
            .Add("Channel", request.Contact.DialString)
            .RunningAgi(agi.For("page", $"attempt={request.AttemptId}"))
            .Add("Timeout", ((int)request.Contact.RingTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
            .Add("CallerID", dialing.ServiceCallerId("Answering service"))
            .Add("ChannelId", channelId);

        // The page script serves this channel only while this page waits for it.
        using var expected = pending.Expect(channelId, server.Name);

        // From the first ring to the end of the page, an acknowledgement by anyone else ends this page.
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = WatchAsync(client, request, channelId, watching.Token);
        try
        {
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
                await watching.CancelAsync();
                var outcome = await watch is { } cancelled ? cancelled : new PageOutcome(OriginatedChannels.Unanswered(result), $"Asterisk reason {result.Reason}");
                logger.LogInformation("Page {AttemptId} to {ClinicianId}: {Outcome}", request.AttemptId, request.Contact.ClinicianId, outcome.Outcome);
                return outcome;
            }

            // Answered: the page script records the outcome; the watch returns it.
            var answered = await watch ?? new PageOutcome("failed", "the page ended without an outcome");
            logger.LogInformation("Page {AttemptId} to {ClinicianId}: {Outcome}", request.AttemptId, request.Contact.ClinicianId, answered.Outcome);
            return answered;
        }
        finally
        {
            await watching.CancelAsync();
        }
    }

    /// <summary>
    /// Polls the database while the page lasts: returns the attempt's outcome once the page script
    /// closed it, hangs the page up when someone else acknowledged, or when it runs past
    /// <see cref="DispatchOptions.PageTimeout"/>. Null when stopped before any of these.
    /// </summary>
    private async Task<PageOutcome?> WatchAsync(AmiClient client, PageRequest request, string channelId, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + request.Contact.RingTimeout + options.PageTimeout;
        try
        {
            while (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(Poll, cancellationToken);
                if (await dispatch.AttemptAsync(request.AttemptId, cancellationToken) is { EndedAt: not null } finished)
                {
                    return new PageOutcome(finished.Outcome, finished.Detail);
                }

                // When this clinician acknowledged, the page is thanking them; the attempt closes in a moment.
                if ((await messages.GetAsync(request.MessageId, cancellationToken))?.Status >= MessageStatus.Acknowledged
                    && (await dispatch.HistoryAsync(request.MessageId, cancellationToken)).LastOrDefault(h => h.Status == MessageStatus.Acknowledged)?.Actor != request.Contact.ClinicianId)
                {
                    await OriginatedChannels.HangUpAsync(client, channelId, logger);
                    return new PageOutcome("cancelled", "acknowledged by someone else during this page");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        await OriginatedChannels.HangUpAsync(client, channelId, logger);
        return new PageOutcome("no-response", "answered but the page did not finish in time");
    }
}
