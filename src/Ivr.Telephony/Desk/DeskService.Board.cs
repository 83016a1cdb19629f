using System.Globalization;
using Ivr.Domain.Desk;
using Ivr.Domain.Practices;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Desk;

/// <summary>The desk as operators and the supervisor see it (<see cref="IDeskBoard"/>): views, status, release and transfer.</summary>
public sealed partial class DeskService
{
    /// <summary>The longest break reason kept.</summary>
    public const int MaxReasonLength = 200;

    public DeskView View(string operatorName)
    {
        lock (_gate)
        {
            var desk = _queue.Describe(operatorName);
            var hasPhone = !_seats.TryGetValue(operatorName, out var seat) || !seat.PhoneKnown || seat.Phone is not null;
            DeskCallState? call = null;
            if (_byOperator.TryGetValue(operatorName, out var attached))
            {
                call = attached;
            }
            else if (desk is { Status: OperatorStatus.Offered, CallId: { } offered } && _calls.TryGetValue(offered, out var ringing))
            {
                call = ringing;
            }

            return new DeskView(operatorName, desk.Status, desk.Reason, hasPhone, call is null ? null : Describe(call, operatorName), _version);
        }
    }

    public DeskFloor Floor()
    {
        lock (_gate)
        {
            var waiting = _queue.Waiting()
                .Select(c => new DeskWaiting(c.CallId, c.PracticeId, c.Priority, _calls.TryGetValue(c.CallId, out var call) ? call.Caller.At : c.JoinedAt, c.OfferedTo, c.Line))
                .ToList();
            var staff = _queue.Operators()
                .Where(o => o.Status != OperatorStatus.SignedOut)
                .Select(o =>
                {
                    var call = _byOperator.TryGetValue(o.Name, out var attached) ? attached : o.CallId is { } id && _calls.TryGetValue(id, out var offered) ? offered : null;
                    var since = _observed.TryGetValue(o.Name, out var seen) ? seen.Since : time.GetUtcNow();
                    return new DeskOperatorState(o.Name, o.Status, o.Reason, since, call?.CallId, call?.Caller.Practice.Id, o.Line);
                })
                .ToList();
            return new DeskFloor(waiting, staff, time.GetUtcNow(), _version, _elsewhere.Count, _elsewhere.Since);
        }
    }

    public async Task<DeskResult> SetStatusAsync(string operatorName, OperatorStatus status, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorName);
        string? ringing = null;
        DeskResult result;
        switch (status)
        {
            case OperatorStatus.Available:
                var seat = await SeatAsync(operatorName, cancellationToken);
                if (seat.Phone is null)
                {
                    return DeskResult.Refused($"No phone is set for you, so the desk cannot ring you. Ask an admin to run: ivr operator add {operatorName} --phone DIALSTRING (or --softphone).");
                }

                // Nurses work the nurse line: they are offered its callers only, operators the operators' line's.
                result = _queue.SetAvailable(operatorName, time.GetUtcNow(), seat.IsNurse ? DeskLine.Nurses : DeskLine.Operators) ? DeskResult.Ok : Busy;
                _ = NamePromptAsync(seat);
                break;
            case OperatorStatus.OnBreak:
                var why = reason?.Trim() ?? string.Empty;
                if (why.Length == 0)
                {
                    return DeskResult.Refused("Say why you are on break (a short reason).");
                }

                if (why.Length > MaxReasonLength)
                {
                    return DeskResult.Refused($"A break's reason is at most {MaxReasonLength} characters.");
                }

                result = _queue.SetOnBreak(operatorName, why) ? DeskResult.Ok : Busy;
                break;
            case OperatorStatus.WrapUp:
                result = _queue.SetWrapUp(operatorName) ? DeskResult.Ok : Busy;
                break;
            case OperatorStatus.SignedOut:
                lock (_gate)
                {
                    var desk = _queue.Describe(operatorName);
                    if (desk is { Status: OperatorStatus.Offered, CallId: { } offered } && _calls.TryGetValue(offered, out var call))
                    {
                        ringing = call.RingingChannelId;
                        call.RingingChannelId = null;
                    }

                    result = _queue.SignOut(operatorName) ? DeskResult.Ok : Busy;
                    if (!result.Done)
                    {
                        ringing = null;
                    }
                }

                break;
            default:
                return DeskResult.Refused("An operator can only say they are available, on break, in wrap-up or leaving the desk.");
        }

        if (!result.Done)
        {
            return result;
        }

        logger.LogInformation("Operator {Operator} is now {Status}", operatorName, status);
        if (ringing is not null)
        {
            await HangUpAsync(ringing);
        }

        Changes();
        await OfferAsync();
        return result;
    }

    private static DeskResult Busy { get; } = DeskResult.Refused("Not while your phone rings with a call or you are on one.");

    public async Task<DeskResult> ReleaseAsync(string operatorName, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        DeskCallState? call;
        string? channel;
        var completed = false;
        var over = false;
        lock (_gate)
        {
            if (!_byOperator.TryGetValue(operatorName, out call))
            {
                return DeskResult.Refused("You have no call to release.");
            }

            channel = call.Stage == DeskStage.WithOperator ? call.OperatorChannel : null;
            call.Released = true;
            call.Attached = false;
            _byOperator.Remove(operatorName);
            _queue.Release(operatorName);
            if (call.Stage == DeskStage.WithOperator)
            {
                call.Detail = call.ClinicianId is { } patched ? $"operator {operatorName} patched clinician {patched}"
                    : call.MessageId is { } id ? $"operator {operatorName} took message {id}"
                    : $"{DeskLines.Worker(call.Caller.Line)} {operatorName} handled the call";
                if (call.ClinicianId is null && call.PatchState != DeskPatchState.Ringing)
                {
                    // Nobody stays with the caller: the call is over, even for a caller re-entering the room just now.
                    call.Stage = DeskStage.Done;
                    over = !call.FlowDone;
                }
            }

            if (call.FlowDone)
            {
                _calls.Remove(call.CallId);
                completed = true;
            }
        }

        logger.LogInformation("Call {CallId}: operator {Operator} released the call ({Stage}{Over})", call.Caller.CallRecordId, operatorName, call.Stage, over ? ", the caller taken out of the room" : string.Empty);
        Write(() => deskLog.ReleasedAsync(call.Caller.CallRecordId, now, CancellationToken.None));
        await TimelineAsync(call.Caller.CallRecordId, now, "desk-released", call.ClinicianId is { } clinician
            ? $"operator {operatorName} left the call; the caller stays with clinician {clinician}"
            : $"operator {operatorName} released the call");
        if (channel is not null)
        {
            // Hung up rather than taken out of the room: the operator's leg may be a moment from joining it.
            await EndLegAsync(call, channel);
        }

        if (over && call.Caller.Channel.Length > 0)
        {
            // ConfBridge ends the caller's wait only when a marked user leaves: an operator released before their leg
            // entered the room (still on its beep) never leaves it, so the caller, alone there, is taken out.
            await KickAsync(call.Caller.Room, call.Caller.Channel);
        }

        if (completed)
        {
            await SummaryAsync(call);
        }

        Changes();
        return DeskResult.Ok;
    }

    public async Task<DeskResult> TransferAsync(string operatorName, DeskTransferTarget target, CancellationToken cancellationToken = default)
    {
        DeskCallState? call;
        lock (_gate)
        {
            if (!_byOperator.TryGetValue(operatorName, out call) || call.Stage != DeskStage.WithOperator)
            {
                return DeskResult.Refused("You have no caller on the line to transfer.");
            }
        }

        if (target == DeskTransferTarget.Nurse)
        {
            return await ToNursesAsync(operatorName, call);
        }

        var practice = await practices.GetAsync(call.Caller.Practice.Id, cancellationToken);
        var now = time.GetUtcNow();
        if (practice?.Office is not { } office || !practice.OfficeOpenAt(now))
        {
            var why = practice?.Office is null ? "The practice has no office line to transfer to: keep the call." : "The office is closed now: keep the call.";
            await NoticeAsync(call, why);
            return DeskResult.Refused(why);
        }

        string? channel;
        lock (_gate)
        {
            if (call.Stage != DeskStage.WithOperator || call.Operator != operatorName)
            {
                return DeskResult.Refused("The caller is no longer on the line.");
            }

            call.Stage = DeskStage.ToOffice;
            call.Office = office;
            call.Released = true;
            call.Detail = $"operator {operatorName} transferred the caller to the office";
            channel = call.OperatorChannel;
        }

        await TimelineAsync(call.Caller.CallRecordId, now, "desk-transfer", $"operator {operatorName} transferred the caller to the office line");
        await KickAsync(call.Caller.Room, call.Caller.Channel);
        if (channel is not null)
        {
            await EndLegAsync(call, channel);
        }

        Changes();
        return DeskResult.Ok;
    }

    /// <summary>
    /// The operator sends the caller to the nurse line: the operator's line leaves the room (they are in wrap-up, the
    /// call off their screen), and the caller waits for a nurse first in line among those who joined after them (their
    /// first join's time and priority kept), hearing that a nurse is coming. Refused with no nurse at the desk, from
    /// the nurse line itself, and while a patch rings or a clinician is on the line.
    /// </summary>
    private async Task<DeskResult> ToNursesAsync(string operatorName, DeskCallState call)
    {
        string? refused = null;
        string? channel = null;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (call.Stage != DeskStage.WithOperator || call.Operator != operatorName)
            {
                return DeskResult.Refused("The caller is no longer on the line.");
            }

            if (call.Caller.Line == DeskLine.Nurses)
            {
                refused = "The caller is on the nurse line already.";
            }
            else if (call.ClinicianId is not null || call.PatchState == DeskPatchState.Ringing)
            {
                refused = "Not while a patch rings or a clinician is on the line.";
            }
            else if (!_queue.Staffed(DeskLine.Nurses))
            {
                refused = "No nurse is at the desk now: keep the call (take a message or patch the doctor).";
            }
            else
            {
                channel = call.OperatorChannel;
                _byOperator.Remove(operatorName);
                _queue.Release(operatorName);
                call.WorkerGone();
                call.Released = false;
                call.Notice = null;
                call.Stage = DeskStage.Waiting;
                call.Caller = call.Caller with { Line = DeskLine.Nurses };
                call.Detail = $"operator {operatorName} transferred the caller to the nurse line";
                _queue.Join(call.CallId, call.Caller.Practice.Id, call.Caller.Priority, call.Caller.At, DeskLine.Nurses);
            }
        }

        if (refused is not null)
        {
            await NoticeAsync(call, refused);
            return DeskResult.Refused(refused);
        }

        logger.LogInformation("Call {CallId}: operator {Operator} transferred the caller to the nurse line", call.Caller.CallRecordId, operatorName);
        Write(() => deskLog.ReleasedAsync(call.Caller.CallRecordId, now, CancellationToken.None));
        await TimelineAsync(call.Caller.CallRecordId, now, "desk-transfer", $"operator {operatorName} transferred the caller to the nurse line");
        if (channel is not null)
        {
            await EndLegAsync(call, channel);
        }

        await KickAsync(call.Caller.Room, call.Caller.Channel);
        Changes();
        await OfferAsync();
        return DeskResult.Ok;
    }

    private Task NoticeAsync(DeskCallState call, string notice)
    {
        lock (_gate)
        {
            call.Notice = notice;
        }

        Changes();
        return Task.CompletedTask;
    }

    /// <summary>The call as <paramref name="operatorName"/> sees it, their name in the greeting. Under the lock.</summary>
    private DeskCall Describe(DeskCallState call, string operatorName)
    {
        var card = call.Card with { Greeting = call.Caller.Practice.Desk.RenderGreeting(call.Caller.Practice.Name, FirstName(operatorName)) };
        var patch = call.PatchState is { } state ? new DeskPatch(state, [.. call.PatchSteps, .. Ringing(call)]) : null;
        return new DeskCall(
            call.CallId,
            call.Caller.CallRecordId,
            call.Operator == operatorName && call.AnsweredAt is not null,
            call.Caller.Priority,
            call.Caller.At,
            call.Operator == operatorName ? call.AnsweredAt : null,
            card,
            call.Caller.Path,
            call.MessageId,
            patch,
            call.Notice);
    }

    /// <summary>While a patch rings, the clinician being rung now (the next after those already answered for).</summary>
    private static IEnumerable<DeskPatchStep> Ringing(DeskCallState call) =>
        call.PatchState == DeskPatchState.Ringing && call.PatchSteps.Count < call.PatchChain.Count
            ? [new DeskPatchStep(call.PatchSteps.Count + 1, call.PatchChain[call.PatchSteps.Count].ClinicianId, "ringing")]
            : [];

    /// <summary>The operator's name as the greeting says it: their username, capitalised, up to a dot or dash.</summary>
    public static string FirstName(string operatorName)
    {
        var first = operatorName.Split('.', '-', '_')[0];
        return first.Length == 0 ? operatorName : char.ToUpper(first[0], CultureInfo.InvariantCulture) + first[1..];
    }

    /// <summary>The card the operator sees before answering: built once, when the caller joins (the greeting is filled in per operator).</summary>
    private async Task<DeskCard> CardAsync(DeskCaller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var practice = await practices.GetAsync(caller.Practice.Id, cancellationToken);
        var chain = await directory.OnCallChainAsync(caller.Practice.Id, now, cancellationToken);
        var onCall = chain.Select(c => new DeskOnCall(c.ClinicianId, c.DisplayName, c.Reason)).ToList();
        var open = practice?.OfficeOpenAt(now) ?? false;
        return new DeskCard(
            caller.Practice.Id,
            caller.Practice.Name,
            caller.Practice.Desk.OperatorGreeting,
            caller.Practice.Desk.Instructions,
            practice is null ? "not known" : HoursText(practice.Hours),
            open,
            onCall,
            caller.CallerNumber,
            open && practice?.Office is not null);
    }

    private static string HoursText(WeeklyHours hours)
    {
        var days = Enum.GetValues<DayOfWeek>()
            .Select(d => (Day: d, Intervals: hours.On(d)))
            .Where(d => d.Intervals.Count > 0)
            .Select(d => $"{CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d.Day)} {string.Join(", ", d.Intervals)}")
            .ToList();
        return days.Count == 0 ? "no office hours" : string.Join("; ", days);
    }

    /// <summary>The operator's seat, their phone read from their account each time they ask to be available.</summary>
    private async Task<OperatorSeat> SeatAsync(string operatorName, CancellationToken cancellationToken)
    {
        var account = (await operators.ListAsync(cancellationToken)).FirstOrDefault(a => a.Username == operatorName && !a.IsDisabled);
        lock (_gate)
        {
            if (!_seats.TryGetValue(operatorName, out var seat))
            {
                seat = new OperatorSeat(operatorName);
                _seats[operatorName] = seat;
            }

            seat.Phone = account?.Phone is { Length: > 0 } phone ? phone : null;
            seat.IsNurse = account?.IsNurse == true;
            seat.PhoneKnown = true;
            return seat;
        }
    }

    /// <summary>Speaks the operator's first name into a prompt for patches' whispers; without it the whisper names the service.</summary>
    private async Task NamePromptAsync(OperatorSeat seat)
    {
        if (seat.NamePrompt is not null)
        {
            return;
        }

        try
        {
            var prompt = await renderer.RenderAsync($"operator-{seat.Name}", FirstName(seat.Name));
            lock (_gate)
            {
                seat.NamePrompt = prompt;
            }
        }
        catch (Exception exception) when (exception is GreetingRenderException or IOException)
        {
            logger.LogWarning("Operator {Operator}'s name could not be made into audio; patches will name the service: {Reason}", seat.Name, exception.Message);
        }
    }
}
