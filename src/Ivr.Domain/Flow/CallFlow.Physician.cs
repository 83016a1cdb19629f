using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Flow;

/// <summary>Connecting the caller to the on-call clinician through a conference room.</summary>
public sealed partial class CallFlow
{
    private async Task<CallTrigger> ConnectPhysicianAsync(CancellationToken cancellationToken)
    {
        await _channel.PlayAsync([PromptIds.PleaseHold], cancellationToken).ConfigureAwait(false);
        var chain = await _dependencies.Practices.OnCallChainAsync(_session.Practice.Id, _dependencies.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await DecideAsync("on-call-chain", $"{chain.Count} contact(s): {string.Join(", ", chain.Select(c => $"{c.ClinicianId} ({c.Reason})"))}").ConfigureAwait(false);

        var room = RoomOf(_session.UniqueId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var conference = _channel.JoinConferenceAsync(room, stop.Token);
        var dialing = _dependencies.Dialer.DialChainAsync(
            new DialRequest(room, _session.Practice, _session.CallerId, chain),
            leg => _timeline.LegAsync(leg),
            stop.Token);

        if (await Task.WhenAny(conference, dialing).ConfigureAwait(false) == conference)
        {
            // The room ended before the acceptance was seen: stop ringing, then ask the dialer how it ended.
            await stop.CancelAsync().ConfigureAwait(false);
            var acceptedMeanwhile = await AcceptedAsync(dialing).ConfigureAwait(false);
            if (acceptedMeanwhile is null || !conference.IsCompletedSuccessfully)
            {
                // The caller left the room before anyone accepted.
                await conference.ConfigureAwait(false);
                throw new CallerHungUpException();
            }

            // A clinician accepted and left (the room ends with its marked user) before the acceptance was
            // seen: a short call, but the caller was connected.
            await ConnectedAsync(acceptedMeanwhile).ConfigureAwait(false);
            return CallTrigger.PhysicianLeft;
        }

        var accepted = await dialing.ConfigureAwait(false);
        if (accepted is null)
        {
            await DecideAsync("chain-exhausted", "nobody in the on-call chain accepted").ConfigureAwait(false);
            await _dependencies.Dialer.ClearRoomAsync(room, callerMayStillBeJoining: true, cancellationToken).ConfigureAwait(false);
            await conference.ConfigureAwait(false);
            return CallTrigger.ChainExhausted;
        }

        await ConnectedAsync(accepted).ConfigureAwait(false);

        // The caller's leg ends when the clinician leaves (the room ends with its marked user);
        // when the caller hangs up first, the clinician is not left alone in the room.
        try
        {
            await conference.ConfigureAwait(false);
        }
        catch (CallerHungUpException)
        {
            _session.CallerGone = true;
            await _dependencies.Dialer.ClearRoomAsync(room, callerMayStillBeJoining: false, CancellationToken.None).ConfigureAwait(false);
        }

        return CallTrigger.PhysicianLeft;
    }

    private async Task<CallTrigger> NoPhysicianAsync(CancellationToken cancellationToken)
    {
        _session.Urgency = Urgency.Urgent;
        _session.ForcedUrgencyReason = "no clinician in the on-call chain accepted the call";
        await _channel.PlayAsync([PromptIds.NoPhysician], cancellationToken).ConfigureAwait(false);
        return CallTrigger.Continue;
    }

    private async Task ConnectedAsync(OnCallContact accepted)
    {
        await DecideAsync("connected", $"clinician {accepted.ClinicianId} accepted").ConfigureAwait(false);
        _session.Outcome = CallOutcome.Connected;
        _session.OutcomeDetail = $"connected to clinician {accepted.ClinicianId}";
    }

    /// <summary>The clinician who accepted, or null when the dialing was stopped first.</summary>
    private static async Task<OnCallContact?> AcceptedAsync(Task<OnCallContact?> dialing)
    {
        try
        {
            return await dialing.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
