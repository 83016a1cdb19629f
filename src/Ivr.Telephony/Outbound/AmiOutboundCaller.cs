using System.Globalization;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Outbound;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Trunk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// Places a campaign call with AMI Originate, through the carrier trunk when there is one (<see cref="TrunkDialing"/>), showing the practice's name and number: the answered call runs the
/// <c>outbound</c> FastAGI script (<see cref="OutboundCallHandler"/>), which closes the attempt in the database; this side
/// waits for that, so it knows when the line is free again. Asterisk's reason says no answer, busy or failed otherwise.
/// A campaign call belongs to no caller: it goes out through the process's own Asterisk, or another when that one is down.
/// </summary>
public sealed class AmiOutboundCaller(
    AsteriskServers ami,
    ICampaignStore store,
    AgiScriptUrl agi,
    PendingOriginations pending,
    IOptions<OutboundLineOptions> line,
    TrunkDialing dialing,
    OutboundOptions options,
    ILogger<AmiOutboundCaller> logger) : IOutboundCaller
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public async Task<DialResult> CallAsync(OutboundCall call, CancellationToken cancellationToken = default)
    {
        var (server, client) = await ami.AnyAsync(cancellationToken);
        var channelId = OriginatedChannels.Outbound(call.AttemptId);
        var originate = new AmiAction("Originate")
            .Add("Channel", line.Value.DialString(call.Phone, dialing))
            .RunningAgi(agi.For(OutboundCallHandler.Script, $"attempt={call.AttemptId.ToString(CultureInfo.InvariantCulture)}"))
            .Add("Timeout", ((int)options.RingTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
            // The practice's number (E.164 through the trunk), so patients see their doctor's office.
            .Add("CallerID", dialing.PracticeCallerId(call.CallerName, call.CallerNumber))
            .Add("ChannelId", channelId);

        // The campaign script serves this channel only while this call waits for it.
        using var expected = pending.Expect(channelId, server.Name);

        // Originate's reason cannot tell a busy line from a failure: the dial's status and the hangup cause can.
        string? dialStatus = null;
        int? cause = null;
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var watch = client.Subscribe(
            (e, _) =>
            {
                if (e.IsEvent("DialEnd"))
                {
                    dialStatus = e["DialStatus"];
                }
                else
                {
                    cause = int.TryParse(e["Cause"], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
                    ended.TrySetResult();
                }

                return ValueTask.CompletedTask;
            },
            e => (e.IsEvent("DialEnd") && e["DestUniqueid"] == channelId) || (e.IsEvent("Hangup") && e["Uniqueid"] == channelId));
        AmiOriginateResult result;
        try
        {
            result = await client.OriginateAsync(originate, options.RingTimeout + TimeSpan.FromSeconds(15), cancellationToken);
        }
        catch (AmiException exception)
        {
            return DialResult.NotAnswered(AttemptResult.Failed, "Asterisk refused the call: " + exception.Message);
        }

        if (!result.Answered)
        {
            // The channel's end may follow Originate's answer by a moment.
            await Task.WhenAny(ended.Task, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken));
            return DialResult.NotAnswered(
                UnansweredCall.Result(result.Reason, dialStatus, cause),
                $"Asterisk reason {result.Reason}, dial status {dialStatus ?? "none"}, hangup cause {cause?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        // Answered: the script closes the attempt; wait for it, and hang up a call that outlives the lease.
        var deadline = DateTimeOffset.UtcNow + options.Lease - options.RingTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(Poll, cancellationToken);
            if (await store.AttemptAsync(call.AttemptId, cancellationToken) is { EndedAt: not null })
            {
                return DialResult.Answer("answered; the script closed the attempt");
            }
        }

        logger.LogWarning("Campaign attempt {AttemptId} is still on the line at the end of its lease; hanging up", call.AttemptId);
        await OriginatedChannels.HangUpAsync(client, channelId, logger);
        return DialResult.Answer("still on the line at the end of the lease: hung up");
    }
}
