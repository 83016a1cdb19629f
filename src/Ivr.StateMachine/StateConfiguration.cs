using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

/// <summary>
/// The fluent configuration of one state, returned by <see cref="StateMachineBuilder{TState, TTrigger}.Configure"/>.
/// Rules for the same trigger are tried in declaration order, this state first and then its superstates;
/// the first whose guard passes wins.
/// </summary>
public sealed partial class StateConfiguration<TState, TTrigger>
    where TState : notnull
    where TTrigger : notnull
{
    private readonly List<TriggerBehaviour<TState, TTrigger>> _behaviours = [];
    private readonly List<StateAction<TState, TTrigger>> _entryActions = [];
    private readonly List<StateAction<TState, TTrigger>> _exitActions = [];
    private readonly List<StateTimer<TTrigger>> _timers = [];
    private readonly List<string> _problems = [];
    private readonly List<TState> _referencedStates = [];
    private bool _hasSuperstate;
    private TState _superstate = default!;
    private bool _hasInitialTransition;
    private TState _initialChild = default!;

    internal StateConfiguration(TState state) => State = state;

    /// <summary>The state being configured.</summary>
    public TState State { get; }

    internal IReadOnlyList<string> Problems => _problems;

    /// <summary>States this configuration names (destinations, superstate, initial child), in the order named.</summary>
    internal IReadOnlyList<TState> ReferencedStates => _referencedStates;

    internal StateRepresentation<TState, TTrigger> Freeze() => new()
    {
        State = State,
        HasSuperstate = _hasSuperstate,
        Superstate = _superstate,
        HasInitialTransition = _hasInitialTransition,
        InitialChild = _initialChild,
        Behaviours = [.. _behaviours],
        BehavioursByTrigger = _behaviours.GroupBy(b => b.Trigger).ToDictionary(g => g.Key, g => g.ToArray()),
        EntryActions = [.. _entryActions],
        ExitActions = [.. _exitActions],
        Timers = [.. _timers],
    };

    private StateConfiguration<TState, TTrigger> Add(TTrigger trigger, TriggerBehaviourKind kind, TState destination, GuardCondition? guard = null, Func<Transition<TState, TTrigger>, CancellationToken, Task>? action = null)
    {
        _behaviours.Add(new TriggerBehaviour<TState, TTrigger> { Trigger = trigger, Kind = kind, Destination = destination, Guard = guard, Action = action });
        Reference(destination);
        return this;
    }

    private void Reference(TState state) => _referencedStates.Add(state);

    private static T Argument<T>(IReadOnlyList<object?> arguments, int index) => (T)arguments[index]!;
}
