using Ivr.Domain.Messages;

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
            // The caller left the room before anyone accepted: stop ringing.
            await stop.CancelAsync().ConfigureAwait(false);
            await ObserveAsync(dialing).ConfigureAwait(false);
            await conference.ConfigureAwait(false);
            throw new CallerHungUpException();
        }

        var accepted = await dialing.ConfigureAwait(false);
        if (accepted is null)
        {
            await DecideAsync("chain-exhausted", "nobody in the on-call chain accepted").ConfigureAwait(false);
            await _dependencies.Dialer.ClearRoomAsync(room, callerMayStillBeJoining: true, cancellationToken).ConfigureAwait(false);
            await conference.ConfigureAwait(false);
            return CallTrigger.ChainExhausted;
        }

        await DecideAsync("connected", $"clinician {accepted.ClinicianId} accepted").ConfigureAwait(false);
        _session.Outcome = CallOutcome.Connected;
        _session.OutcomeDetail = $"connected to clinician {accepted.ClinicianId}";

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

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
