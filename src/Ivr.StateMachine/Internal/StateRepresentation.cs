namespace Ivr.StateMachine.Internal;

/// <summary>The frozen configuration of one state.</summary>
internal sealed class StateRepresentation<TState, TTrigger>
    where TState : notnull
    where TTrigger : notnull
{
    private static readonly TriggerBehaviour<TState, TTrigger>[] NoBehaviours = [];

    public required TState State { get; init; }

    public bool HasSuperstate { get; init; }

    public TState Superstate { get; init; } = default!;

    public bool HasInitialTransition { get; init; }

    public TState InitialChild { get; init; } = default!;

    /// <summary>All rules in declaration order (graphs need the order).</summary>
    public TriggerBehaviour<TState, TTrigger>[] Behaviours { get; init; } = [];

    public Dictionary<TTrigger, TriggerBehaviour<TState, TTrigger>[]> BehavioursByTrigger { get; init; } = [];

    public StateAction<TState, TTrigger>[] EntryActions { get; init; } = [];

    public StateAction<TState, TTrigger>[] ExitActions { get; init; } = [];

    public StateTimer<TTrigger>[] Timers { get; init; } = [];

    public TriggerBehaviour<TState, TTrigger>[] BehavioursFor(TTrigger trigger) =>
        BehavioursByTrigger.TryGetValue(trigger, out var behaviours) ? behaviours : NoBehaviours;
}
