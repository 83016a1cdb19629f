using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Flow;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Desk;

/// <summary>
/// The one-button patch: the on-call chain is rung into the caller's room by the same dialer the IVR uses
/// (the clinician hears who calls, now naming the operator, and presses 1 to join); declines and no answers
/// move down the chain while the operator and the caller stay together.
/// </summary>
public sealed partial class DeskService
{
    public async Task<DeskResult> PatchAsync(string operatorName, CancellationToken cancellationToken = default)
    {
        DeskCallState? call;
        OperatorSeat? seat;
        lock (_gate)
        {
            if (!_byOperator.TryGetValue(operatorName, out call) || call.Stage != DeskStage.WithOperator)
            {
                return DeskResult.Refused("You have no caller on the line to patch.");
            }

            if (call.PatchState is DeskPatchState.Ringing or DeskPatchState.Connected)
            {
                return DeskResult.Refused(call.PatchState == DeskPatchState.Ringing ? "The on-call chain is being rung already." : "A clinician is in the call already.");
            }

            _seats.TryGetValue(operatorName, out seat);
        }

        var now = time.GetUtcNow();
        var chain = await directory.OnCallChainAsync(call.Caller.Practice.Id, now, cancellationToken);
        if (chain.Count == 0)
        {
            return DeskResult.Refused("Nobody is on call for this practice now: take a message.");
        }

        var practice = call.Caller.Practice;
        IReadOnlyList<string>? intro = seat?.NamePrompt is { } name ? [name, PromptIds.DeskWhisperIntro, practice.NamePromptId] : null;
        var request = new DialRequest(call.Caller.Room, practice, call.Caller.CallerNumber, chain, intro);
        var stop = new CancellationTokenSource();
        lock (_gate)
        {
            if (call.Stage != DeskStage.WithOperator || call.Operator != operatorName || call.PatchState is DeskPatchState.Ringing or DeskPatchState.Connected)
            {
                stop.Dispose();
                return DeskResult.Refused("The call changed meanwhile; look again.");
            }

            call.PatchState = DeskPatchState.Ringing;
            call.PatchChain = chain;
            call.PatchSteps.Clear();
            call.PatchStop = stop;
            call.Notice = null;
        }

        logger.LogInformation("Call {CallId}: operator {Operator} patches the on-call chain ({Count} contacts)", call.Caller.CallRecordId, operatorName, chain.Count);
        await TimelineAsync(call.Caller.CallRecordId, now, "desk-patch", $"operator {operatorName} patches the on-call chain: {string.Join(", ", chain.Select(c => c.ClinicianId))}");
        Changes();
        _ = RingChainAsync(call, operatorName, request, stop);
        return DeskResult.Ok;
    }

    private async Task RingChainAsync(DeskCallState call, string operatorName, DialRequest request, CancellationTokenSource stop)
    {
        string? accepted = null;
        try
        {
            var contact = await dialer.DialChainAsync(request, leg => StepAsync(call, leg), stop.Token);
            accepted = contact?.ClinicianId;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The caller left or went back to the queue: the dialer hung up what rang.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Call {CallId}: the patch failed", call.Caller.CallRecordId);
        }

        lock (_gate)
        {
            if (call.PatchStop == stop)
            {
                call.PatchStop = null;
                if (call.PatchState == DeskPatchState.Ringing)
                {
                    call.PatchState = accepted is null ? DeskPatchState.Exhausted : DeskPatchState.Connected;
                    call.ClinicianId = accepted;
                    call.Notice = accepted is null ? "Nobody in the on-call chain accepted. The caller is still with you: take a message or patch again." : null;
                    if (accepted is not null)
                    {
                        call.Detail = $"operator {operatorName} patched clinician {accepted}";
                        call.PatchedBy = operatorName;
                        call.ClinicianJoinedAt = time.GetUtcNow();
                    }
                }
            }
        }

        stop.Dispose();
        var requeue = false;
        lock (_gate)
        {
            if (accepted is null && call.Released && call.Stage == DeskStage.WithOperator && !call.FlowDone)
            {
                // The operator left while the chain rang and nobody accepted: the caller, alone in the room, goes back first in line.
                Requeue(call, "back in the queue: nobody in the on-call chain accepted after the operator left");
                requeue = true;
            }
        }

        if (requeue)
        {
            await RequeuedAsync(call);
        }

        await TimelineAsync(call.Caller.CallRecordId, time.GetUtcNow(), "desk-patch-ended", accepted is null ? "nobody in the on-call chain accepted" : $"clinician {accepted} joined the operator and the caller");
        Changes();
    }

    private async Task StepAsync(DeskCallState call, BridgeLeg leg)
    {
        lock (_gate)
        {
            call.PatchSteps.Add(new DeskPatchStep(leg.Attempt, leg.ClinicianId, leg.Result));
        }

        await calls.AddLegAsync(call.Caller.CallRecordId, leg, CancellationToken.None);
        Changes();
    }
}
