namespace Ivr.StateMachine;

/// <summary>One entry of an instance's transition history.</summary>
/// <param name="At">When the state was changed, by the instance's <see cref="TimeProvider"/>.</param>
/// <param name="Transition">The state change.</param>
public readonly record struct TransitionRecord<TState, TTrigger>(DateTimeOffset At, Transition<TState, TTrigger> Transition)
    where TState : notnull
    where TTrigger : notnull;
