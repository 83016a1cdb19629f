using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Practices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Desk;

/// <summary>
/// The operator desk on this service: the queue (<see cref="DeskQueue"/>'s rules), the operators' phones
/// rung by AMI Originate into each caller's own conference room, and what operators do from the desk page
/// (<see cref="IDeskBoard"/>). Callers' flows use it as <see cref="IOperatorDesk"/>. The queue lives in
/// memory: should the service stop, each waiting caller's script ends and the dialplan's safety net takes
/// them (docs/desk.md).
/// </summary>
public sealed partial class DeskService(
    AsteriskServers ami,
    AgiScriptUrl agi,
    IPhysicianDialer dialer,
    IPracticeStore practices,
    IPracticeDirectory directory,
    IOperatorStore operators,
    ICallRecordStore calls,
    IMessageStore messages,
    IDeskLog deskLog,
    IDeskPresenceStore presence,
    IDeskQueueStore queueStore,
    GreetingRenderer renderer,
    IOptions<DeskOptions> options,
    TimeProvider time,
    ILogger<DeskService> logger) : IOperatorDesk, IDeskBoard
{
    private readonly DeskQueue _queue = new();
    private readonly SoftphoneRoute _softphones = new(ami, logger);
    private readonly Dictionary<string, DeskCallState> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeskCallState> _byOperator = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OperatorSeat> _seats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (OperatorStatus Status, DateTimeOffset Since)> _observed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    public bool Staffed => _queue.Staffed(DeskLine.Operators);

    public bool NursesStaffed => _queue.Staffed(DeskLine.Nurses);

    public async Task JoinAsync(DeskCaller caller, CancellationToken cancellationToken = default)
    {
        var card = await CardAsync(caller, cancellationToken);
        lock (_gate)
        {
            _calls[caller.CallId] = new DeskCallState(caller, card);
            _queue.Join(caller.CallId, caller.Practice.Id, caller.Priority, caller.QueuedBefore ?? caller.At, caller.Line);
        }

        logger.LogInformation("Call {CallId} joined the desk's {Queue} ({Priority})", caller.CallRecordId, DeskLines.Queue(caller.Line), caller.Priority);
        Write(() => deskLog.QueuedAsync(caller.CallRecordId, caller.Practice.Id, caller.Priority, caller.At, CancellationToken.None));
        await TimelineAsync(caller.CallRecordId, caller.At, DeskEvents.Queued, $"waiting for {(caller.Line == DeskLine.Nurses ? "a nurse" : "an operator")} ({caller.Priority.ToString().ToLowerInvariant()})");
        Changes();
        await OfferAsync();
    }

    public DeskStanding Standing(string callId)
    {
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out var call))
            {
                return DeskStanding.Gone;
            }

            // The caller's flow is who reads its standing: what it read decides whether its next entry into the room is stale.
            call.SeenStage = call.Stage;
            return call.Stage == DeskStage.Waiting
                ? new DeskStanding(DeskStage.Waiting, _queue.Position(callId), _queue.ExpectedWait(callId, options.Value.DefaultHandleTime), call.Detail, call.MessageId, null, Line: call.Caller.Line)
                : new DeskStanding(call.Stage, null, null, call.Detail, call.MessageId, call.ClinicianId, call.Office, call.Caller.Line);
        }
    }

    /// <summary>
    /// A channel entered a desk room (AMI <c>ConfbridgeJoin</c>). When it is the caller of that room and their flow went in
    /// on a stage the desk has left since (released, transferred, answered or put back in the queue while the caller
    /// was stepping into the room, so the kick that told them came too early), they are taken out now, and their flow
    /// reads the new stage. True when the caller was taken out.
    /// </summary>
    internal async Task<bool> EnteredRoomAsync(string room, string channel)
    {
        DeskCallState? stale;
        lock (_gate)
        {
            stale = _calls.Values.FirstOrDefault(c => c.Caller.Room == room && c.Caller.Channel.Length > 0 && c.Caller.Channel == channel && c.SeenStage != c.Stage);
        }

        if (stale is null)
        {
            return false;
        }

        logger.LogInformation("Call {CallId}: the caller entered their room as the desk moved the call on ({Stage}); taken out to hear what comes next", stale.Caller.CallRecordId, stale.Stage);
        await KickAsync(room, channel);
        return true;
    }

    public async Task<bool> MakeUrgentAsync(string callId, CancellationToken cancellationToken = default)
    {
        DeskCallState? call;
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out call) || call.Stage != DeskStage.Waiting || !_queue.MakeUrgent(callId))
            {
                return false;
            }

            call.Caller = call.Caller with { Priority = DeskPriority.Urgent };
        }

        logger.LogInformation("Call {CallId}: the caller said the call is urgent; ahead of routine callers", call.Caller.CallRecordId);
        await TimelineAsync(call.Caller.CallRecordId, time.GetUtcNow(), DeskEvents.Urgent, "the caller said the call is urgent: ahead of routine callers");
        Changes();
        return true;
    }

    public async Task<bool> LeaveAsync(string callId, DeskLeave how, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        string? ringing;
        DeskCallState? call;
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out call) || call.Stage != DeskStage.Waiting || _queue.Leave(callId, now) is null)
            {
                return call is null || call.Stage != DeskStage.WithOperator;
            }

            ringing = call.RingingChannelId;
            call.RingingChannelId = null;
            call.Stage = DeskStage.Done;
            call.Detail = how switch
            {
                DeskLeave.Message => "left the operator queue for a message",
                DeskLeave.Doctor => "left the operator queue for the doctor",
                _ => "left the operator queue",
            };
            _calls.Remove(callId);
        }

        await LeftAsync(call, how, ringing, now);
        return true;
    }

    public Task<DeskStanding> RoomEmptiedAsync(string callId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // After a release or with a patched clinician gone, the call is over. Otherwise the emptying may be
            // an earlier operator's line (the caller has a new one by now) or this one's, which its own leg reports
            // (OperatorLeftAsync puts the caller back in the queue); the caller waits in the room meanwhile.
            if (_calls.TryGetValue(callId, out var call) && call.Stage == DeskStage.WithOperator && (call.Released || call.ClinicianId is not null))
            {
                call.Stage = DeskStage.Done;
                if (call.ClinicianId is not null)
                {
                    call.PatchEndedAt ??= time.GetUtcNow();
                }
            }
        }

        Changes();
        return Task.FromResult(Standing(callId));
    }

    /// <summary>
    /// Puts a caller whom nobody is with any more back in the queue, first in line (urgent, their first
    /// join's time); the operator whose line dropped is paused. Under the lock.
    /// </summary>
    private void Requeue(DeskCallState call, string detail)
    {
        DropOperator(call);
        call.PatchStop?.Cancel();
        call.PatchStop = null;
        call.Released = false;
        call.Stage = DeskStage.Waiting;
        call.Detail = detail;
        call.Caller = call.Caller with { Priority = DeskPriority.Urgent };
        _queue.Join(call.CallId, call.Caller.Practice.Id, DeskPriority.Urgent, call.Caller.At, call.Caller.Line);
    }

    /// <summary>After <see cref="Requeue"/>: the timeline, the caller taken out of the room if they are in it, and the next offer.</summary>
    private async Task RequeuedAsync(DeskCallState call)
    {
        logger.LogWarning("Call {CallId}: nobody is with the caller any more; back in the queue, first in line", call.Caller.CallRecordId);
        await TimelineAsync(call.Caller.CallRecordId, time.GetUtcNow(), "desk-requeued", $"{call.Detail}, first in line");
        await KickAsync(call.Caller.Room, call.Caller.Channel);
        Changes();
        await OfferAsync();
    }

    public async Task EndAsync(string callId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        DeskCallState? call;
        string? ringing = null;
        var abandoned = false;
        var clearRoom = false;
        var completed = false;
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out call))
            {
                return;
            }

            call.FlowDone = true;
            if (call.Stage == DeskStage.Waiting && _queue.Leave(callId, now) is not null)
            {
                abandoned = true;
                ringing = call.RingingChannelId;
                call.RingingChannelId = null;
                call.Detail = "hung up while waiting for an operator";
            }
            else if (call.Stage == DeskStage.WithOperator)
            {
                // The caller hung up while with the operator: the operator keeps the call on screen to finish the form.
                clearRoom = true;
                call.Notice = "The caller hung up.";
            }

            call.Stage = DeskStage.Done;
            if (call.ClinicianId is not null)
            {
                call.PatchEndedAt ??= now;
            }

            if (!call.Attached)
            {
                _calls.Remove(callId);
                completed = true;
            }
        }

        if (abandoned)
        {
            await LeftAsync(call, DeskLeave.HungUp, ringing, now);
        }

        if (clearRoom)
        {
            if (call.PatchStop is { } patch)
            {
                await patch.CancelAsync();
            }

            await KickAsync(call.Caller.Room, "all");
            await TimelineAsync(call.Caller.CallRecordId, now, "desk-caller-left", $"the caller hung up while with operator {call.Operator}");
        }

        if (completed)
        {
            await SummaryAsync(call);
        }

        Changes();
    }

    /// <summary>A caller who left the queue: the operator whose phone rang is free again, and the fact is kept.</summary>
    private async Task LeftAsync(DeskCallState call, DeskLeave how, string? ringing, DateTimeOffset now)
    {
        if (ringing is not null)
        {
            await HangUpAsync(ringing);
        }

        var waited = (int)(now - call.Caller.At).TotalSeconds;
        logger.LogInformation("Call {CallId} left the desk's queue after {Seconds} s: {How}", call.Caller.CallRecordId, waited, how);
        Write(() => deskLog.LeftAsync(call.Caller.CallRecordId, how, now, CancellationToken.None));
        await TimelineAsync(call.Caller.CallRecordId, now, how == DeskLeave.HungUp ? "desk-abandoned" : "desk-left", $"{call.Detail} after {waited} s");
        Changes();
        await OfferAsync();
    }

    /// <summary>Takes the operator off the call their line dropped from: paused with the reason, the call off their screen. Under the lock.</summary>
    private void DropOperator(DeskCallState call)
    {
        if (call.Operator is { } name)
        {
            if (_byOperator.TryGetValue(name, out var theirs) && theirs == call)
            {
                // Still on this call (not released and on to another): they are paused.
                _queue.Dropped(name, "Paused: your phone dropped during a call. Say you are available when it works again.");
                _byOperator.Remove(name);
            }
        }

        call.WorkerGone();
    }

    private long CallRecordOf(string callId)
    {
        lock (_gate)
        {
            return _calls.TryGetValue(callId, out var call) ? call.Caller.CallRecordId : 0;
        }
    }

    /// <summary>Marks a change: the version goes up, watchers wake, and operators' status changes are kept (occupancy).</summary>
    private void Changes()
    {
        var now = time.GetUtcNow();
        var changedStatus = new List<(string Name, OperatorStatus Status)>();
        TaskCompletionSource changed;
        lock (_gate)
        {
            foreach (var desk in _queue.Operators())
            {
                if (!_observed.TryGetValue(desk.Name, out var seen) || seen.Status != desk.Status)
                {
                    _observed[desk.Name] = (desk.Status, now);
                    changedStatus.Add((desk.Name, desk.Status));
                }
            }

            _version++;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        foreach (var (name, status) in changedStatus)
        {
            Write(() => deskLog.OperatorStatusAsync(name, status, now, CancellationToken.None));
        }

        changed.TrySetResult();
    }

    /// <summary>Keeps a desk fact without holding up the call; a failure is logged (the call goes on).</summary>
    private void Write(Func<Task> write) => _ = WriteAsync(write);

    private async Task WriteAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "A desk fact could not be kept");
        }
    }

    private async Task TimelineAsync(string callId, DateTimeOffset at, string name, string detail)
    {
        var callRecordId = CallRecordOf(callId);
        if (callRecordId == 0)
        {
            return;
        }

        await TimelineAsync(callRecordId, at, name, detail);
    }

    private async Task TimelineAsync(long callRecordId, DateTimeOffset at, string name, string detail)
    {
        try
        {
            await calls.AppendEventAsync(callRecordId, new CallEvent(at, "decision", name, detail), CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Call {CallId}: the desk's event {Name} could not be kept on its timeline", callRecordId, name);
        }
    }
}
