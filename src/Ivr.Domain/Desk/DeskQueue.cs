namespace Ivr.Domain.Desk;

/// <summary>
/// The operator desk's rules: who waits, in which order, and which operator is offered whom. Urgent
/// callers go ahead of routine ones, then first come first served; the available operator idle the
/// longest is offered the next caller; an operator who does not answer in time is paused and the
/// caller keeps their place. The desk has two lines (<see cref="DeskLine"/>): a caller waits on one and is
/// offered only to the people working it; positions and expected waits count that line alone. Every change goes through a method that checks where the caller and the
/// operator stand, and answers false or null when the change no longer applies (a caller who hung up,
/// an offer already taken back), so the telephony side can act on events in any order. Thread-safe.
/// </summary>
public sealed class DeskQueue
{
    private readonly Dictionary<string, WaitingCaller> _callers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeskOperator> _operators = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Makes <paramref name="name"/> available from now on <paramref name="line"/>: signed out, on break, in wrap-up or
    /// paused. False while offered a call or on one.
    /// </summary>
    public bool SetAvailable(string name, DateTimeOffset at, DeskLine line = DeskLine.Operators)
    {
        lock (_gate)
        {
            var desk = Operator(name);
            if (desk.Status is OperatorStatus.Offered or OperatorStatus.OnCall)
            {
                return false;
            }

            if (desk.Status != OperatorStatus.Available)
            {
                desk.IdleSince = at;
            }

            desk.Status = OperatorStatus.Available;
            desk.Line = line;
            desk.Reason = null;
            return true;
        }
    }

    /// <summary>Puts <paramref name="name"/> on break with a reason. False while offered a call or on one.</summary>
    public bool SetOnBreak(string name, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_gate)
        {
            var desk = Operator(name);
            if (desk.Status is OperatorStatus.Offered or OperatorStatus.OnCall)
            {
                return false;
            }

            desk.Status = OperatorStatus.OnBreak;
            desk.Reason = reason.Trim();
            return true;
        }
    }

    /// <summary>Takes <paramref name="name"/> off the desk. A call offered to them goes back to its place; false while on a call.</summary>
    public bool SignOut(string name)
    {
        lock (_gate)
        {
            var desk = Operator(name);
            if (desk.Status == OperatorStatus.OnCall)
            {
                return false;
            }

            Withdraw(desk);
            desk.Status = OperatorStatus.SignedOut;
            desk.Reason = null;
            return true;
        }
    }

    /// <summary>A caller joins the queue of <paramref name="line"/>. False when the call is in the queue already.</summary>
    public bool Join(string callId, string practiceId, DeskPriority priority, DateTimeOffset at, DeskLine line = DeskLine.Operators)
    {
        lock (_gate)
        {
            return _callers.TryAdd(callId, new WaitingCaller(callId, practiceId, priority, at) { Line = line });
        }
    }

    /// <summary>A waiting caller said the call is urgent: ahead of every routine caller, keeping the time they joined. False when not waiting or urgent already.</summary>
    public bool MakeUrgent(string callId)
    {
        lock (_gate)
        {
            if (!_callers.TryGetValue(callId, out var caller) || caller.Priority == DeskPriority.Urgent)
            {
                return false;
            }

            caller.Priority = DeskPriority.Urgent;
            return true;
        }
    }

    /// <summary>
    /// A caller left the queue without an operator (hung up, or chose a message or the doctor): how long
    /// they waited. An operator whose phone was ringing with them is free again, still first in line.
    /// Null when the call is not waiting (answered already, or unknown).
    /// </summary>
    public DeskOutcome? Leave(string callId, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_callers.Remove(callId, out var caller))
            {
                return null;
            }

            if (caller.OfferedTo is { } name && _operators.TryGetValue(name, out var desk) && desk.CallId == callId)
            {
                desk.Status = OperatorStatus.Available;
                desk.CallId = null;
                desk.OfferedAt = null;
            }

            return new DeskOutcome(caller.PracticeId, at - caller.JoinedAt, Answered: false);
        }
    }

    /// <summary>
    /// Pairs every waiting caller not yet offered with an available operator of the caller's line, in the desk's
    /// order; the pairs are now offered.
    /// </summary>
    public IReadOnlyList<DeskOffer> Offer(DateTimeOffset at)
    {
        lock (_gate)
        {
            var free = _operators.Values
                .Where(o => o.Status == OperatorStatus.Available)
                .OrderBy(o => o.IdleSince)
                .ThenBy(o => o.Name, StringComparer.Ordinal)
                .GroupBy(o => o.Line)
                .ToDictionary(g => g.Key, g => new Queue<DeskOperator>(g));
            var offers = new List<DeskOffer>();
            foreach (var caller in InOrder().Where(c => c.OfferedTo is null))
            {
                if (!free.TryGetValue(caller.Line, out var line) || !line.TryDequeue(out var desk))
                {
                    continue;
                }

                desk.Status = OperatorStatus.Offered;
                desk.CallId = caller.CallId;
                desk.OfferedAt = at;
                caller.OfferedTo = desk.Name;
                offers.Add(new DeskOffer(caller.CallId, caller.PracticeId, desk.Name, at));
            }

            return offers;
        }
    }

    /// <summary>The operator answered the call offered to them: they are on it and it leaves the queue. Null when that offer no longer stands.</summary>
    public DeskOutcome? Answer(string name, string callId, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_operators.TryGetValue(name, out var desk) || desk.Status != OperatorStatus.Offered || desk.CallId != callId
                || !_callers.Remove(callId, out var caller))
            {
                return null;
            }

            desk.Status = OperatorStatus.OnCall;
            desk.OfferedAt = null;
            return new DeskOutcome(caller.PracticeId, at - caller.JoinedAt, Answered: true);
        }
    }

    /// <summary>
    /// The operator did not answer the call offered to them: they are paused with <paramref name="reason"/>
    /// (shown on their screen) and the caller waits again in the same place. False when that offer no longer stands.
    /// </summary>
    public bool NoAnswer(string name, string callId, string reason)
    {
        lock (_gate)
        {
            if (!_operators.TryGetValue(name, out var desk) || desk.Status != OperatorStatus.Offered || desk.CallId != callId)
            {
                return false;
            }

            Withdraw(desk);
            desk.Status = OperatorStatus.Paused;
            desk.Reason = reason;
            return true;
        }
    }

    /// <summary>The offers ringing for <paramref name="timeout"/> or longer at <paramref name="at"/>: the telephony side takes them back.</summary>
    public IReadOnlyList<DeskOffer> Overdue(DateTimeOffset at, TimeSpan timeout)
    {
        lock (_gate)
        {
            return _operators.Values
                .Where(o => o.Status == OperatorStatus.Offered && o.OfferedAt is { } offered && at - offered >= timeout)
                .Select(o => new DeskOffer(o.CallId!, _callers.TryGetValue(o.CallId!, out var c) ? c.PracticeId : string.Empty, o.Name, o.OfferedAt!.Value))
                .ToList();
        }
    }

    /// <summary>The operator's call ended: they are in wrap-up until they say they are available. False when they were on no call.</summary>
    public bool Release(string name)
    {
        lock (_gate)
        {
            if (!_operators.TryGetValue(name, out var desk) || desk.Status != OperatorStatus.OnCall)
            {
                return false;
            }

            desk.Status = OperatorStatus.WrapUp;
            desk.CallId = null;
            return true;
        }
    }

    /// <summary>Puts <paramref name="name"/> in wrap-up (finishing notes): offered nothing. False while offered a call or on one.</summary>
    public bool SetWrapUp(string name)
    {
        lock (_gate)
        {
            var desk = Operator(name);
            if (desk.Status is OperatorStatus.Offered or OperatorStatus.OnCall)
            {
                return false;
            }

            desk.Status = OperatorStatus.WrapUp;
            desk.Reason = null;
            return true;
        }
    }

    /// <summary>
    /// The operator's phone dropped during a call: they are paused with the reason (offered nothing until they
    /// say they are available). False when they were on no call.
    /// </summary>
    public bool Dropped(string name, string reason)
    {
        lock (_gate)
        {
            if (!_operators.TryGetValue(name, out var desk) || desk.Status != OperatorStatus.OnCall)
            {
                return false;
            }

            desk.Status = OperatorStatus.Paused;
            desk.Reason = reason;
            desk.CallId = null;
            desk.OfferedAt = null;
            return true;
        }
    }

    /// <summary>Whether anyone is signed in on <paramref name="line"/> (at the desk, whatever their status).</summary>
    public bool Staffed(DeskLine line)
    {
        lock (_gate)
        {
            return _operators.Values.Any(o => o.Line == line && o.Status != OperatorStatus.SignedOut);
        }
    }

    /// <summary>Every operator the desk has seen, signed out or not, by name (copies).</summary>
    public IReadOnlyList<DeskOperator> Operators()
    {
        lock (_gate)
        {
            return [.. _operators.Values.OrderBy(o => o.Name, StringComparer.Ordinal).Select(Copy)];
        }
    }

    /// <summary>The caller's place in the queue, from 1 (next); null when they are not waiting.</summary>
    public int? Position(string callId)
    {
        lock (_gate)
        {
            var line = _callers.TryGetValue(callId, out var caller) ? caller.Line : DeskLine.Operators;
            var index = InOrder().Where(c => c.Line == line).ToList().FindIndex(c => c.CallId == callId);
            return index < 0 ? null : index + 1;
        }
    }

    /// <summary>
    /// How long the caller may still wait: nothing when an operator is free for everyone ahead of them;
    /// otherwise one <paramref name="handleTime"/> for each round of calls the staffed operators must
    /// take first. Null when the caller is not waiting or no operator is at the desk (no honest guess).
    /// Only the caller's own line counts: those waiting on it and the people working it.
    /// </summary>
    public TimeSpan? ExpectedWait(string callId, TimeSpan handleTime)
    {
        lock (_gate)
        {
            if (!_callers.TryGetValue(callId, out var caller))
            {
                return null;
            }

            var index = InOrder().Where(c => c.Line == caller.Line).ToList().FindIndex(c => c.CallId == callId);
            var working = _operators.Values.Where(o => o.Line == caller.Line).ToList();
            var staffed = working.Count(o => o.Status is OperatorStatus.Available or OperatorStatus.Offered or OperatorStatus.OnCall or OperatorStatus.WrapUp);
            if (index < 0 || staffed == 0)
            {
                return null;
            }

            var free = working.Count(o => o.Status == OperatorStatus.Available);
            var behindFree = index - free;
            return behindFree < 0 ? TimeSpan.Zero : handleTime * ((behindFree / staffed) + 1);
        }
    }

    /// <summary>The operator's status as the desk holds it (a copy); signed out when unknown.</summary>
    public DeskOperator Describe(string name)
    {
        lock (_gate)
        {
            return Copy(_operators.TryGetValue(name, out var known) ? known : new DeskOperator(name));
        }
    }

    /// <summary>The callers waiting, in the order they will be offered.</summary>
    public IReadOnlyList<WaitingCaller> Waiting()
    {
        lock (_gate)
        {
            return InOrder();
        }
    }

    private static DeskOperator Copy(DeskOperator desk) =>
        new(desk.Name) { Status = desk.Status, Line = desk.Line, Reason = desk.Reason, IdleSince = desk.IdleSince, CallId = desk.CallId, OfferedAt = desk.OfferedAt };

    private List<WaitingCaller> InOrder() =>
        [.. _callers.Values.OrderBy(c => c.Priority).ThenBy(c => c.JoinedAt).ThenBy(c => c.CallId, StringComparer.Ordinal)];

    private DeskOperator Operator(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_operators.TryGetValue(name, out var desk))
        {
            desk = new DeskOperator(name);
            _operators.Add(name, desk);
        }

        return desk;
    }

    /// <summary>Takes back the call offered to <paramref name="desk"/>, if any: the caller waits again in the same place.</summary>
    private void Withdraw(DeskOperator desk)
    {
        if (desk.Status == OperatorStatus.Offered && desk.CallId is { } callId && _callers.TryGetValue(callId, out var caller))
        {
            caller.OfferedTo = null;
        }

        desk.CallId = null;
        desk.OfferedAt = null;
    }
}
