using System.Globalization;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Desk;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Desk;

/// <summary>Ringing operators' phones (AMI Originate running the <c>operator</c> script), their answers, and their lines leaving the room.</summary>
public sealed partial class DeskService
{
    /// <summary>The FastAGI script an operator's answered leg runs.</summary>
    public const string OperatorScript = "operator";

    /// <summary>Offers every waiting caller an available operator can take, and rings those operators.</summary>
    private async Task OfferAsync()
    {
        var rings = new List<(DeskCallState Call, string Operator, string Phone, string ChannelId)>();
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var offer in _queue.Offer(now))
            {
                var call = _calls[offer.CallId];
                var phone = _seats.TryGetValue(offer.Operator, out var seat) ? seat.Phone : null;
                if (phone is null)
                {
                    // Nobody is made available without a phone; a phone removed since pauses them.
                    _queue.NoAnswer(offer.Operator, offer.CallId, "Paused: no phone is set for you.");
                    continue;
                }

                call.Offers++;
                call.RingingChannelId = OriginatedChannels.Desk(call.CallId, call.Offers);
                AwaitCard(offer.Operator, call.CallId);
                rings.Add((call, offer.Operator, phone, call.RingingChannelId));
            }
        }

        if (rings.Count == 0)
        {
            return;
        }

        Changes();
        foreach (var ring in rings)
        {
            await TimelineAsync(ring.Call.Caller.CallRecordId, now, "desk-offered", $"offered to {DeskLines.Worker(ring.Call.Caller.Line)} {ring.Operator}");
            _ = RingAsync(ring.Call, ring.Operator, ring.Phone, ring.ChannelId);
        }
    }

    /// <summary>Rings the operator's phone; an answer runs the operator script, anything else pauses them and re-offers the caller.</summary>
    private async Task RingAsync(DeskCallState call, string name, string phone, string channelId)
    {
        var timeout = options.Value.AnswerTimeout;
        string? unanswered;
        await CardFirstAsync(name, call.CallId);
        lock (_gate)
        {
            if (call.RingingChannelId != channelId)
            {
                // The offer was taken back while the card went out (the caller left): nothing to ring.
                return;
            }
        }

        try
        {
            var server = ami.For(call.CallId);
            var client = await server.ClientAsync();
            var originate = new AmiAction("Originate")
                .Add("Channel", await _softphones.DialStringAsync(phone, server))
                .RunningAgi(agi.For(OperatorScript, $"call={Uri.EscapeDataString(call.CallId)}&offer={call.Offers.ToString(CultureInfo.InvariantCulture)}"))
                .Add("Timeout", ((int)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
                .Add("CallerID", $"\"{call.Caller.Practice.Name}\" <desk>")
                .Add("ChannelId", channelId);
            var result = await client.OriginateAsync(originate, timeout + TimeSpan.FromSeconds(15));
            unanswered = result.Answered ? null : OriginatedChannels.Unanswered(result) switch
            {
                "busy" => "Paused: your phone was busy when a call was offered.",
                "no-answer" => $"Paused: you did not answer a call within {(int)timeout.TotalSeconds} s.",
                _ => "Paused: your phone could not be reached.",
            };
        }
        catch (Exception exception) when (exception is AmiException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning("Could not ring operator {Operator}: {Reason}", name, exception.Message);
            unanswered = "Paused: the desk could not ring your phone.";
        }

        if (unanswered is not null)
        {
            await NotAnsweredAsync(call, name, channelId, unanswered);
        }
    }

    private async Task NotAnsweredAsync(DeskCallState call, string name, string channelId, string reason)
    {
        lock (_gate)
        {
            if (call.RingingChannelId != channelId || !_queue.NoAnswer(name, call.CallId, reason))
            {
                return;
            }

            call.RingingChannelId = null;
        }

        logger.LogInformation("Call {CallId}: operator {Operator} did not answer; paused", call.Caller.CallRecordId, name);
        await TimelineAsync(call.Caller.CallRecordId, time.GetUtcNow(), "desk-not-answered", $"operator {name} did not answer ({reason}); the caller keeps their place");
        Changes();
        await OfferAsync();
    }

    /// <summary>
    /// The operator answered offer <paramref name="offer"/> of <paramref name="callId"/> on <paramref name="channel"/>:
    /// the call is theirs, and the caller is taken out of their timed wait to stay in the room for good. Null
    /// when the offer no longer stands (the caller left, or the desk took it back): the leg hangs up.
    /// </summary>
    internal async Task<DeskCallState?> AnsweredAsync(string callId, int offer, string channel)
    {
        var now = time.GetUtcNow();
        DeskCallState? call;
        string name;
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out call) || call.Stage != DeskStage.Waiting || call.Offers != offer || call.RingingChannelId is null)
            {
                return null;
            }

            name = _queue.Waiting().FirstOrDefault(c => c.CallId == callId)?.OfferedTo ?? string.Empty;
            if (name.Length == 0 || _queue.Answer(name, callId, now) is null)
            {
                return null;
            }

            call.RingingChannelId = null;
            call.Stage = DeskStage.WithOperator;
            call.Operator = name;
            call.OperatorChannel = channel;
            call.AnsweredAt = now;
            call.Attached = true;
            call.Released = false;
            call.Notice = null;
            call.Detail = $"{DeskLines.Worker(call.Caller.Line)} {name} took the call";
            _byOperator[name] = call;
        }

        var waited = (int)(now - call.Caller.At).TotalSeconds;
        logger.LogInformation("Call {CallId}: operator {Operator} answered after {Seconds} s", call.Caller.CallRecordId, name, waited);
        Write(() => deskLog.AnsweredAsync(call.Caller.CallRecordId, name, now, CancellationToken.None));
        await TimelineAsync(call.Caller.CallRecordId, now, "desk-answered", $"{DeskLines.Worker(call.Caller.Line)} {name} answered after {waited} s in the queue");
        Changes();
        if (call.Caller.Channel.Length > 0)
        {
            await KickAsync(call.Caller.Room, call.Caller.Channel);
        }

        return call;
    }

    /// <summary>
    /// The operator's line left the room: after their release or a transfer nothing more happens; otherwise
    /// their phone dropped, and the caller stays with a patched clinician or goes back to the queue (when the
    /// caller's room empties, <see cref="RoomEmptiedAsync"/>).
    /// </summary>
    internal async Task OperatorLeftAsync(DeskCallState call, string name)
    {
        var dropped = false;
        var requeued = false;
        lock (_gate)
        {
            if (call.Operator == name && call.Stage == DeskStage.WithOperator && !call.Released)
            {
                dropped = true;
                if (call.ClinicianId is not null || call.PatchState == DeskPatchState.Ringing)
                {
                    call.Notice = "Your phone dropped. The caller is still in the call; release it when you are done.";
                    call.OperatorChannel = null;
                }
                else
                {
                    // Nobody else is with the caller (who may be stepping back into the room right now): back in the queue.
                    Requeue(call, "back in the queue: the operator's line dropped");
                    requeued = true;
                }
            }
        }

        if (dropped)
        {
            logger.LogWarning("Call {CallId}: operator {Operator}'s phone left the call without a release", call.Caller.CallRecordId, name);
            await TimelineAsync(call.Caller.CallRecordId, time.GetUtcNow(), "desk-operator-dropped", $"operator {name}'s phone left the call without a release");
        }

        if (requeued)
        {
            await RequeuedAsync(call);
        }
        else if (dropped)
        {
            Changes();
        }
    }

    /// <summary>Takes <paramref name="channel"/> out of <paramref name="room"/>; false when nobody of that name was there or Asterisk could not be asked.</summary>
    private async Task<bool> KickAsync(string room, string channel)
    {
        if (ManagerOrWarn(room, "take a channel out of a room") is not { } client)
        {
            return false;
        }

        try
        {
            var response = await client.SendActionAsync(new AmiAction("ConfbridgeKick").Add("Conference", room).Add("Channel", channel));
            if (!response.IsSuccess)
            {
                // Nobody of that name in the room (yet, or any more): the room watcher acts on a caller who enters late.
                logger.LogDebug("Nobody to take out of room {Room}: {Reason}", room, response["Message"]);
            }

            return response.IsSuccess;
        }
        catch (AmiException exception)
        {
            logger.LogWarning("Could not take a channel out of room {Room}: {Reason}", room, exception.Message);
            return false;
        }
    }

    /// <summary>Hangs up an operator's answered leg by its channel name; a failure is logged (the leg may be gone already).</summary>
    private async Task EndLegAsync(DeskCallState call, string channel)
    {
        if (ManagerOrWarn(call.CallId, "hang up the operator's line") is not { } client)
        {
            return;
        }

        try
        {
            await client.SendActionAsync(new AmiAction("Hangup").Add("Channel", channel));
        }
        catch (AmiException exception)
        {
            logger.LogWarning("Could not hang up the operator's line: {Reason}", exception.Message);
        }
    }

    private async Task HangUpAsync(string channelId)
    {
        if (ManagerOrWarn(channelId, "hang up the operator's ringing phone") is not { } client)
        {
            return;
        }

        try
        {
            await OriginatedChannels.HangUpAsync(client, channelId, logger);
        }
        catch (Exception exception) when (exception is AmiException or InvalidOperationException)
        {
            logger.LogWarning("Could not hang up the operator's ringing phone: {Reason}", exception.Message);
        }
    }

    /// <summary>
    /// The AMI client of the server that carries the call <paramref name="callId"/> names (its uniqueid, room or desk leg),
    /// or null (logged) when that Asterisk was never reached: the moment's action is skipped, not queued.
    /// </summary>
    private AmiClient? ManagerOrWarn(string callId, string what)
    {
        var client = ami.For(callId).Connected;
        if (client is null)
        {
            logger.LogWarning("Could not {What}: the service is not connected to Asterisk's manager interface", what);
        }

        return client;
    }
}
