namespace Ivr.StateMachine.Internal;

/// <summary>One configured rule for a trigger in a state.</summary>
internal sealed class TriggerBehaviour<TState, TTrigger>
    where TState : notnull
    where TTrigger : notnull
{
    public required TTrigger Trigger { get; init; }

    public required TriggerBehaviourKind Kind { get; init; }

    /// <summary>Where it goes; for reentry, ignore and internal rules, the state that declared the rule.</summary>
    public required TState Destination { get; init; }

    public GuardCondition? Guard { get; init; }

    /// <summary>The action of an internal transition.</summary>
    public Func<Transition<TState, TTrigger>, CancellationToken, Task>? Action { get; init; }
}
