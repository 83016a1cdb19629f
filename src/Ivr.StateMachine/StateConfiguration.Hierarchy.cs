using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

public sealed partial class StateConfiguration<TState, TTrigger>
{
    /// <summary>
    /// Makes this state a substate of <paramref name="superstate"/>: triggers this state does not handle are tried there,
    /// and being in this state counts as being in the superstate.
    /// </summary>
    public StateConfiguration<TState, TTrigger> SubstateOf(TState superstate)
    {
        if (_hasSuperstate && !EqualityComparer<TState>.Default.Equals(_superstate, superstate))
        {
            _problems.Add($"state {State} is declared a substate of both {_superstate} and {superstate}");
        }

        _hasSuperstate = true;
        _superstate = superstate;
        Reference(superstate);
        return this;
    }

    /// <summary>On entering this state, moves on into <paramref name="child"/>, which must be one of its substates.</summary>
    public StateConfiguration<TState, TTrigger> InitialTransition(TState child)
    {
        if (_hasInitialTransition)
        {
            _problems.Add($"state {State} has more than one initial transition");
        }

        _hasInitialTransition = true;
        _initialChild = child;
        Reference(child);
        return this;
    }

    /// <summary>
    /// Posts <paramref name="trigger"/> once <paramref name="delay"/> has passed since this state was entered, unless the
    /// state has been exited by then. Moving between this state's substates does not restart or stop the timer;
    /// a reentry restarts it.
    /// </summary>
    public StateConfiguration<TState, TTrigger> After(TimeSpan delay, TTrigger trigger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        _timers.Add(new StateTimer<TTrigger>(() => delay, trigger, DelayFormat.Format(delay)));
        return this;
    }

    /// <summary>
    /// Like <see cref="After(TimeSpan, TTrigger)"/> with the delay computed at each entry (e.g. from options).
    /// <paramref name="delayDescription"/> is what graphs show.
    /// </summary>
    public StateConfiguration<TState, TTrigger> After(Func<TimeSpan> delay, TTrigger trigger, string delayDescription = "?")
    {
        _timers.Add(new StateTimer<TTrigger>(delay, trigger, delayDescription));
        return this;
    }
}
