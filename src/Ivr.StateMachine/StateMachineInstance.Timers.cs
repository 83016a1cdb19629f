using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

public sealed partial class StateMachineInstance<TState, TTrigger>
{
    // Guarded by _gate: timer callbacks arrive on any thread.
    private Dictionary<TState, StateActivation>? _activations;
    private long _timerGeneration;

    /// <summary>Called by an expired timer: queues its trigger unless the entry that armed it is over.</summary>
    internal void PostFromTimer(TimerTicket<TState, TTrigger> ticket)
    {
        lock (_gate)
        {
            if (!IsCurrentLocked(ticket))
            {
                return;
            }
        }

        // Checked again when dequeued: the state may be exited while this waits in the queue.
        TryEnqueue(new MailboxItem<TState, TTrigger>(ticket.Trigger, [], awaited: false) { Timer = ticket });
    }

    private void ArmTimers(StateRepresentation<TState, TTrigger> representation)
    {
        var timers = representation.Timers;
        if (timers.Length == 0)
        {
            return;
        }

        // User delegates run outside the lock.
        var delays = Array.ConvertAll(timers, t => t.Delay() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            DisarmLocked(representation.State);
            var activation = new StateActivation(++_timerGeneration, new ITimer[timers.Length]);
            (_activations ??= []).Add(representation.State, activation);
            for (var i = 0; i < timers.Length; i++)
            {
                var ticket = new TimerTicket<TState, TTrigger>(this, representation.State, activation.Generation, timers[i].Trigger);
                activation.Timers[i] = _timeProvider.CreateTimer(static t => ((TimerTicket<TState, TTrigger>)t!).Elapse(), ticket, delays[i], Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void DisarmTimers(TState state)
    {
        lock (_gate)
        {
            DisarmLocked(state);
        }
    }

    private void DisarmLocked(TState state)
    {
        if (_activations is not null && _activations.Remove(state, out var activation))
        {
            foreach (var timer in activation.Timers)
            {
                timer?.Dispose();
            }
        }
    }

    private void DisarmAllTimersLocked()
    {
        foreach (var state in _activations?.Keys.ToArray() ?? [])
        {
            DisarmLocked(state);
        }
    }

    private bool IsCurrent(TimerTicket<TState, TTrigger> ticket)
    {
        lock (_gate)
        {
            return IsCurrentLocked(ticket);
        }
    }

    private bool IsCurrentLocked(TimerTicket<TState, TTrigger> ticket) =>
        !_disposed && _activations is not null && _activations.TryGetValue(ticket.State, out var activation) && activation.Generation == ticket.Generation;
}
