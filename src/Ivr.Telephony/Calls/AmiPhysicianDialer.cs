using System.Globalization;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Calls;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Trunk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Calls;

/// <summary>
/// Rings the on-call chain with AMI Originate (Async). Each answered leg runs the <c>physician</c>
/// FastAGI script, which whispers who is calling and joins the room on 1. Declines, no answer and
/// voicemail pickups (nothing pressed) move on to the next contact. Every leg is placed on the Asterisk server that
/// carries the caller (<see cref="AsteriskServers.For"/>), so it can join the caller's room there.
/// </summary>
public sealed class AmiPhysicianDialer(
    AsteriskServers ami,
    PhysicianLegRegistry legs,
    AgiScriptUrl agi,
    TrunkDialing dialing,
    IOptions<ConferenceOptions> conference,
    TimeProvider time,
    ILogger<AmiPhysicianDialer> logger) : IPhysicianDialer
{
    public async Task<OnCallContact?> DialChainAsync(DialRequest request, Func<BridgeLeg, Task> onLeg, CancellationToken cancellationToken)
    {
        var client = await ami.For(request.Room).ClientAsync(cancellationToken);
        for (var i = 0; i < request.Chain.Count; i++)
        {
            var contact = request.Chain[i];
            var attempt = i + 1;
            var started = time.GetUtcNow();
            var leg = legs.Register(request, attempt);
            var channelId = OriginatedChannels.Leg(request.Room, attempt);
            try
            {
                var (result, detail) = await RingAsync(client, request, contact, attempt, channelId, leg, cancellationToken);
                await onLeg(new BridgeLeg(attempt, contact.ClinicianId, started, time.GetUtcNow(), result, detail));
                logger.LogInformation("Leg {Attempt} to {ClinicianId}: {Result}", attempt, contact.ClinicianId, result);
                if (result == "accepted")
                {
                    return contact;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await OriginatedChannels.HangUpAsync(client, channelId, logger);
                await onLeg(new BridgeLeg(attempt, contact.ClinicianId, started, time.GetUtcNow(), "cancelled", "the caller left before anyone accepted"));
                throw;
            }
            catch (AmiException exception)
            {
                await onLeg(new BridgeLeg(attempt, contact.ClinicianId, started, time.GetUtcNow(), "failed", exception.Message));
                logger.LogWarning("Leg {Attempt} to {ClinicianId} failed: {Reason}", attempt, contact.ClinicianId, exception.Message);
            }
            finally
            {
                legs.Remove(leg);
            }
        }

        return null;
    }

    public async Task ClearRoomAsync(string room, bool callerMayStillBeJoining, CancellationToken cancellationToken)
    {
        var client = await ami.For(room).ClientAsync(cancellationToken);

        // A caller still on the way into the room cannot be kicked yet; try for a few seconds.
        for (var i = 0; i < (callerMayStillBeJoining ? 20 : 1); i++)
        {
            var response = await client.SendActionAsync(new AmiAction("ConfbridgeKick").Add("Conference", room).Add("Channel", "all"), cancellationToken);
            if (response.IsSuccess)
            {
                return;
            }

            await Task.Delay(250, cancellationToken);
        }

        if (callerMayStillBeJoining)
        {
            logger.LogWarning("Could not clear room {Room}", room);
        }
    }

    private async Task<(string Result, string Detail)> RingAsync(AmiClient client, DialRequest request, OnCallContact contact, int attempt, string channelId, PhysicianLeg leg, CancellationToken cancellationToken)
    {
        var options = conference.Value;
        var originate = new AmiAction("Originate")
            .Add("Channel", contact.DialString)
            .RunningAgi(agi.For("physician", $"room={Uri.EscapeDataString(request.Room)}&attempt={attempt}"))
            .Add("Timeout", ((int)contact.RingTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
            .Add("CallerID", dialing.ServiceCallerId(request.Practice.Name))
            .Add("ChannelId", channelId);
        var answered = await client.OriginateAsync(originate, contact.RingTimeout + TimeSpan.FromSeconds(15), cancellationToken);
        if (!answered.Answered)
        {
            return (OriginatedChannels.Unanswered(answered), $"Asterisk reason {answered.Reason}");
        }

        try
        {
            var decision = await leg.Decision.WaitAsync(options.DecisionTimeout, cancellationToken);
            return (decision, decision == "accepted" ? "pressed 1" : decision == "declined" ? "pressed 2" : "nothing pressed (voicemail or no response)");
        }
        catch (TimeoutException)
        {
            await OriginatedChannels.HangUpAsync(client, channelId, logger);
            return ("no-answer", "answered but no decision in time");
        }
    }
}
