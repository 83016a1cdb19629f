namespace Ivr.StateMachine;

/// <summary>A move caused by a trigger, as handed to actions and observers.</summary>
/// <param name="Source">The state being left (for an initial transition: the superstate just entered).</param>
/// <param name="Destination">The state being entered.</param>
/// <param name="Trigger">The trigger that caused it.</param>
/// <param name="Parameters">The trigger's arguments, empty for a trigger without parameters.</param>
public sealed record Transition<TState, TTrigger>(TState Source, TState Destination, TTrigger Trigger, IReadOnlyList<object?> Parameters)
    where TState : notnull
    where TTrigger : notnull
{
    /// <summary>True for a <c>PermitReentry</c> transition: the state is exited and entered again.</summary>
    public bool IsReentry { get; init; }

    /// <summary>True for the step into a child made by <c>InitialTransition</c> after its superstate was entered.</summary>
    public bool IsInitialTransition { get; init; }

    /// <summary>True for an internal transition: no state is exited or entered.</summary>
    public bool IsInternal { get; init; }
}
