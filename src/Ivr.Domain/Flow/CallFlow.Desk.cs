using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Flow;

/// <summary>
/// The caller's side of the operator desk: waiting in their own room for an operator (hold music, their
/// position and expected wait, the emergency instruction again after a minute), the practice's maximum
/// hold with its choices, and the time with the operator until the desk is done with them.
/// </summary>
public sealed partial class CallFlow
{
    /// <summary>
    /// Decides, once the caller asked for someone now, whether operators or the doctor answer; or the nurses, when the
    /// practice routes such callers (or those on its urgent lines) to triage and a nurse is at the desk. A line with
    /// nobody at this process's desk counts as staffed when another process's desk has someone on it: the caller is then
    /// handed there (<see cref="CallSession.DeskAt"/>).
    /// </summary>
    private async Task ChooseLivePersonAsync()
    {
        var settings = _session.Practice.Desk;
        var urgentLine = settings.IsUrgentLine(_session.DialedNumber);
        var nurses = _dependencies.Desk.NursesStaffed;
        var nursesAt = nurses || !settings.RoutesToNurses(urgentLine, true) ? null : await ElsewhereAsync(DeskLine.Nurses).ConfigureAwait(false);
        if (settings.RoutesToNurses(urgentLine, nurses || nursesAt is not null))
        {
            _session.LivePerson = LivePersonRoute.Operators;
            _session.DeskLine = DeskLine.Nurses;
            _session.DeskAt = nursesAt;
            await DecideAsync("live-person", $"the nurses{Where(nursesAt)}: the practice routes {DeskRules.Name(settings.NurseRoute)} callers to triage, a nurse is at the desk").ConfigureAwait(false);
            return;
        }

        var now = _dependencies.Time.GetUtcNow();
        var staffed = _dependencies.Desk.Staffed;
        var operatorsAt = staffed || _session.Practice.LivePersonAt(now, true) != LivePersonRoute.Operators ? null : await ElsewhereAsync(DeskLine.Operators).ConfigureAwait(false);
        var route = _session.Practice.LivePersonAt(now, staffed || operatorsAt is not null);
        _session.LivePerson = route;
        _session.DeskLine = DeskLine.Operators;
        _session.DeskAt = route == LivePersonRoute.Operators ? operatorsAt : null;
        var policy = DeskRules.Name(settings.LivePerson);
        var desk = staffed ? "staffed" : operatorsAt is null ? "not staffed" : $"not staffed here, staffed at {operatorsAt}";
        await DecideAsync("live-person", $"{(route == LivePersonRoute.Operators ? "operators" + Where(_session.DeskAt) : "the doctor")}: policy {policy}, desk {desk}").ConfigureAwait(false);
    }

    /// <summary>
    /// The caller pressed for a nurse: the nurse line while a nurse is at the desk, here or at another process's (true);
    /// otherwise they hear so and where "someone now" goes is decided (false).
    /// </summary>
    private async Task<bool> ChooseNurseAsync(CancellationToken cancellationToken)
    {
        var at = _dependencies.Desk.NursesStaffed ? null : await ElsewhereAsync(DeskLine.Nurses).ConfigureAwait(false);
        if (_dependencies.Desk.NursesStaffed || at is not null)
        {
            _session.LivePerson = LivePersonRoute.Operators;
            _session.DeskLine = DeskLine.Nurses;
            _session.DeskAt = at;
            await DecideAsync("live-person", $"the nurses{Where(at)}: the caller asked for a nurse and a nurse is at the desk").ConfigureAwait(false);
            return true;
        }

        await DecideAsync("nurse-line", "the caller asked for a nurse; no nurse is at the desk").ConfigureAwait(false);
        await _channel.PlayAsync([PromptIds.DeskNoNurse], cancellationToken).ConfigureAwait(false);
        await ChooseLivePersonAsync().ConfigureAwait(false);
        return false;
    }

    /// <summary>Another process's desk with someone on <paramref name="line"/>; never for a caller handed here already (one hand-off a call).</summary>
    private async Task<string?> ElsewhereAsync(DeskLine line) =>
        _session.HandedIn ? null : await _dependencies.Desk.ElsewhereAsync(line, _cancellationToken).ConfigureAwait(false);

    private static string Where(string? deskAt) => deskAt is null ? string.Empty : $" of the process at {deskAt}";

    /// <summary>Kind of the call events that carry the caller's way to the desk to the process they are handed to.</summary>
    public const string DeskPathEvent = "desk-path";

    /// <summary>
    /// The caller's line has someone at another process's desk and nobody at this one's: the call is handed there. What
    /// the caller did so far goes into the call record (the operator there sees it), and the flow ends with the call
    /// handed over; the handler then tells the dialplan where to go (<c>IVR_DESK_AT</c>).
    /// </summary>
    private async Task<CallTrigger> HandToDeskAsync(CancellationToken cancellationToken)
    {
        foreach (var step in _session.DeskPath)
        {
            await _dependencies.CallRecords.AppendEventAsync(_session.CallId, new CallEvent(step.At, DeskPathEvent, string.Empty, step.What), CancellationToken.None).ConfigureAwait(false);
        }

        var detail = $"handed to the {DeskLines.Queue(_session.DeskLine)} of the process at {_session.DeskAt}";
        await DecideAsync("desk-hand-over", detail).ConfigureAwait(false);
        _session.Outcome = CallOutcome.HandedOver;
        _session.OutcomeDetail = detail;
        return CallTrigger.Continue;
    }

    /// <summary>
    /// A caller handed here by another process: the nurses when they came for one and one is here; otherwise where
    /// "someone now" goes is decided again, at this desk. Nothing is said to the caller here (this runs before the first
    /// state): what they hear next is this desk's hold or the someone-now menu.
    /// </summary>
    private async Task<CallTrigger> TakeHandedInAsync()
    {
        await DecideAsync("desk-hand-over", $"handed in for the {DeskLines.Queue(_session.DeskLine)}").ConfigureAwait(false);
        if (_session.DeskLine == DeskLine.Nurses && _dependencies.Desk.NursesStaffed)
        {
            _session.LivePerson = LivePersonRoute.Operators;
            await DecideAsync("live-person", "the nurses: the caller was handed here for a nurse and a nurse is at the desk").ConfigureAwait(false);
        }
        else
        {
            await ChooseLivePersonAsync().ConfigureAwait(false);
        }

        return CallTrigger.HandedIn;
    }

    private async Task<CallTrigger> HoldForOperatorAsync(CancellationToken cancellationToken)
    {
        var desk = _dependencies.Desk;
        var announce = _session.DeskJoinedAt is not null;
        if (_session.DeskJoinedAt is null)
        {
            await JoinDeskAsync(cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var standing = desk.Standing(_session.UniqueId);
            if (standing.Stage != DeskStage.Waiting)
            {
                return Left(standing);
            }

            if (standing.Line != _session.DeskLine)
            {
                // An operator moved the caller to the nurse line: they hear so, and their hold starts again.
                _session.DeskLine = standing.Line;
                _session.DeskHoldSince = _dependencies.Time.GetUtcNow();
                await _channel.PlayAsync([PromptIds.DeskNurseTransfer], cancellationToken).ConfigureAwait(false);
                continue;
            }

            var now = _dependencies.Time.GetUtcNow();
            var held = now - _session.DeskHoldSince!.Value;
            var maxHold = _session.Practice.Desk.MaxHold;
            if (held >= maxHold)
            {
                await DecideAsync("desk-max-hold", $"held {Seconds(held)} s, the practice's maximum is {Seconds(maxHold)} s").ConfigureAwait(false);
                return CallTrigger.MaxHold;
            }

            if (await MovesToFreeDeskAsync(held).ConfigureAwait(false))
            {
                return CallTrigger.OtherDesk;
            }

            if (announce)
            {
                await AnnounceAsync(standing, now, cancellationToken).ConfigureAwait(false);
                if (desk.Standing(_session.UniqueId).Stage != DeskStage.Waiting)
                {
                    continue;
                }
            }

            announce = true;
            var wait = _dependencies.DeskOptions.AnnounceEvery < maxHold - held ? _dependencies.DeskOptions.AnnounceEvery : maxHold - held;
            await _channel.WaitInRoomAsync(RoomOf(_session.UniqueId), wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// While nobody on the caller's line is free here and a process with someone free claimed the caller from the shared
    /// queue, the caller leaves this queue to be handed there (unless they were handed here: one hand-off a call, or an
    /// operator's phone is already ringing for them).
    /// </summary>
    private async Task<bool> MovesToFreeDeskAsync(TimeSpan held)
    {
        if (_session.HandedIn)
        {
            return false;
        }

        var at = await _dependencies.Desk.FreeElsewhereAsync(_session.UniqueId, _session.DeskLine, _cancellationToken).ConfigureAwait(false);
        if (at is null || !await _dependencies.Desk.MoveAsync(_session.UniqueId, CancellationToken.None).ConfigureAwait(false))
        {
            return false;
        }

        _session.DeskAt = at;
        Path(_dependencies.Time.GetUtcNow(), $"waited {Seconds(held)} s in the {DeskLines.Queue(_session.DeskLine)} of another process, where nobody was free");
        return true;
    }

    /// <summary>
    /// Joins the queue before the hold prompt, so operators are rung while the caller hears it. A call on one of the
    /// practice's urgent lines joins as urgent; a routine caller with someone ahead of them is asked whether the call
    /// is urgent, and pressing 1 puts them ahead of routine callers.
    /// </summary>
    private async Task JoinDeskAsync(CancellationToken cancellationToken)
    {
        var desk = _dependencies.Desk;
        var now = _dependencies.Time.GetUtcNow();
        var urgentLine = _session.Practice.Desk.IsUrgentLine(_session.DialedNumber);
        var queue = DeskLines.Queue(_session.DeskLine);
        Path(now, urgentLine ? $"joined the {queue} from the practice's urgent line" : $"joined the {queue}");
        // A caller moved here from another process's queue keeps the place they had there: urgent if they said so, and their first queueing.
        var urgent = urgentLine || _session.DeskUrgentBefore;
        var priority = urgent ? DeskPriority.Urgent : DeskPriority.Routine;
        await desk.JoinAsync(
            new DeskCaller(_session.UniqueId, _session.CallId, _session.Practice, _session.CallerId, _session.ChannelName, RoomOf(_session.UniqueId), priority, [.. _session.DeskPath], now, _session.DeskLine, _session.HandedIn, _session.DeskQueuedBefore),
            cancellationToken).ConfigureAwait(false);
        _session.DeskJoinedAt = now;
        _session.DeskHoldSince = now;

        var hold = _session.DeskLine == DeskLine.Nurses ? PromptIds.DeskNurseHold : PromptIds.DeskHold;
        var standing = desk.Standing(_session.UniqueId);
        if (urgent || standing is not { Stage: DeskStage.Waiting, Position: > 1 })
        {
            await _channel.PlayAsync([hold], cancellationToken).ConfigureAwait(false);
            return;
        }

        var key = await _channel.AskKeyAsync([hold, PromptIds.DeskUrgentAsk], "1", _dependencies.DeskOptions.UrgentAskTimeout, cancellationToken).ConfigureAwait(false);
        if (key != '1')
        {
            return;
        }

        if (await desk.MakeUrgentAsync(_session.UniqueId, CancellationToken.None).ConfigureAwait(false))
        {
            Path(_dependencies.Time.GetUtcNow(), "pressed 1: the call is urgent");
            await DecideAsync(DeskEvents.Urgent, "the caller said the call is urgent: ahead of routine callers").ConfigureAwait(false);
            await _channel.PlayAsync([PromptIds.DeskUrgentNoted], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Position and expected wait, and once the wait passes the reminder time, the emergency instruction again.</summary>
    private async Task AnnounceAsync(DeskStanding standing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_session.DeskReminded && now - _session.DeskJoinedAt!.Value >= _dependencies.DeskOptions.EmergencyReminderAfter)
        {
            _session.DeskReminded = true;
            await _channel.PlayAsync([PromptIds.Emergency], cancellationToken).ConfigureAwait(false);
        }

        if (standing.Position is { } position)
        {
            await _channel.PlayAsync([PromptIds.DeskPosition], cancellationToken).ConfigureAwait(false);
            await _channel.SayNumberAsync(position, cancellationToken).ConfigureAwait(false);
            await _channel.PlayAsync([PromptIds.DeskInLine], cancellationToken).ConfigureAwait(false);
        }

        if (standing.ExpectedWait is { } expected)
        {
            var minutes = (int)Math.Ceiling(expected.TotalMinutes);
            if (minutes <= 1)
            {
                await _channel.PlayAsync([PromptIds.DeskUnderAMinute], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _channel.PlayAsync([PromptIds.DeskExpectedWait], cancellationToken).ConfigureAwait(false);
                await _channel.SayNumberAsync(minutes, cancellationToken).ConfigureAwait(false);
                await _channel.PlayAsync([PromptIds.DeskMinutes], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<CallTrigger> MaxHoldMenuAsync(CancellationToken cancellationToken)
    {
        var trigger = await MenuWithThirdAsync("max-hold", _session.Practice.Desk.AfterMaxHoldDoctor, PromptIds.DeskMaxHoldMenu, PromptIds.DeskMaxHoldMenuNoDoctor, cancellationToken).ConfigureAwait(false);
        var now = _dependencies.Time.GetUtcNow();
        var held = Seconds(now - _session.DeskJoinedAt!.Value);
        switch (trigger)
        {
            case CallTrigger.Key1:
                Path(now, $"held {held} s; chose to keep holding");
                _session.DeskHoldSince = now;
                await _channel.PlayAsync([PromptIds.DeskStillHolding], cancellationToken).ConfigureAwait(false);
                return trigger;
            case CallTrigger.Key2:
                return await LeaveDeskAsync(DeskLeave.Message, $"the caller chose a message after holding {held} s for an operator", trigger).ConfigureAwait(false);
            case CallTrigger.Key3:
                return await LeaveDeskAsync(DeskLeave.Doctor, null, trigger).ConfigureAwait(false);
            default:
                // A silent caller is not left holding for ever: past the menu's attempts, an urgent message.
                return MenuMayRepeat ? trigger : await LeaveDeskAsync(DeskLeave.Message, $"no choice after holding {held} s for an operator", trigger).ConfigureAwait(false);
        }
    }

    /// <summary>Leaves the queue for a message or the doctor, unless an operator answered meanwhile.</summary>
    private async Task<CallTrigger> LeaveDeskAsync(DeskLeave how, string? urgentBecause, CallTrigger next)
    {
        if (!await _dependencies.Desk.LeaveAsync(_session.UniqueId, how, CancellationToken.None).ConfigureAwait(false))
        {
            await DecideAsync("desk-left", "an operator answered before the caller's choice took effect").ConfigureAwait(false);
            return CallTrigger.OperatorAnswered;
        }

        await DecideAsync("desk-left", how == DeskLeave.Doctor ? "the caller chose the doctor on call" : "the caller chose a message").ConfigureAwait(false);
        if (urgentBecause is not null)
        {
            _session.Urgency = Urgency.Urgent;
            _session.ForcedUrgencyReason = urgentBecause;
        }

        return next;
    }

    private async Task<CallTrigger> WithOperatorAsync(CancellationToken cancellationToken)
    {
        var desk = _dependencies.Desk;
        while (true)
        {
            var standing = desk.Standing(_session.UniqueId);
            if (standing.Stage != DeskStage.WithOperator)
            {
                return Left(standing);
            }

            RoomExit exit;
            try
            {
                exit = await _channel.WaitInRoomAsync(RoomOf(_session.UniqueId), null, cancellationToken).ConfigureAwait(false);
            }
            catch (CallerHungUpException)
            {
                // Hanging up is how most calls with an operator end: the outcome says who had the caller.
                var last = desk.Standing(_session.UniqueId);
                _session.MessageId ??= last.MessageId;
                (_session.Outcome, _session.OutcomeDetail) = last switch
                {
                    { ClinicianId: not null } => (CallOutcome.Connected, $"{last.Detail}; the caller hung up"),
                    { MessageId: not null } => (CallOutcome.MessageTaken, $"{last.Detail}; the caller hung up"),
                    _ => (CallOutcome.OperatorHandled, $"{last.Detail}; the caller hung up"),
                };
                throw;
            }

            if (exit == RoomExit.Emptied)
            {
                await desk.RoomEmptiedAsync(_session.UniqueId, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<CallTrigger> TransferToOfficeAsync(CancellationToken cancellationToken)
    {
        var office = _session.DeskOffice!;
        var result = await _channel.RingOfficeAsync(office, cancellationToken).ConfigureAwait(false);
        if (result == OfficeRingResult.Answered)
        {
            await DecideAsync("office", "the operator transferred the caller; the office took the call").ConfigureAwait(false);
            _session.Outcome = CallOutcome.OfficeAnswered;
            _session.OutcomeDetail = "transferred by an operator; the office took the call";
            return CallTrigger.OfficeAnswered;
        }

        await DecideAsync("office", $"the operator transferred the caller; the office did not take the call ({result}): take a message").ConfigureAwait(false);
        return CallTrigger.Continue;
    }

    /// <summary>The trigger for a caller the desk no longer holds: with an operator, sent to the office, or done.</summary>
    private CallTrigger Left(DeskStanding standing)
    {
        switch (standing.Stage)
        {
            case DeskStage.Waiting:
                Path(_dependencies.Time.GetUtcNow(), standing.Line != _session.DeskLine
                    ? "an operator transferred the call to the nurse line"
                    : $"back in the {DeskLines.Queue(standing.Line)}: the {DeskLines.Worker(standing.Line)}'s line dropped");
                return CallTrigger.Requeued;
            case DeskStage.WithOperator:
                return CallTrigger.OperatorAnswered;
            case DeskStage.ToOffice:
                _session.DeskOffice = standing.Office;
                return CallTrigger.ToOffice;
            default:
                _session.MessageId ??= standing.MessageId;
                (_session.Outcome, _session.OutcomeDetail) = standing switch
                {
                    { ClinicianId: not null } => (CallOutcome.Connected, standing.Detail),
                    { MessageId: not null } => (CallOutcome.MessageTaken, standing.Detail),
                    _ => (CallOutcome.OperatorHandled, standing.Detail),
                };
                return CallTrigger.OperatorDone;
        }
    }

    private void Path(DateTimeOffset at, string what) => _session.DeskPath.Add(new DeskPathStep(at, what));

    private static int Seconds(TimeSpan span) => (int)span.TotalSeconds;
}
