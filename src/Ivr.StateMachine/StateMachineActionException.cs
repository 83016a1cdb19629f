namespace Ivr.StateMachine;

/// <summary>
/// A user action, guard or observer threw while a trigger was processed. The state is left where the failure happened
/// (no rollback); triggers queued behind it complete as <see cref="FireResultKind.Aborted"/>.
/// </summary>
public sealed class StateMachineActionException<TState, TTrigger> : Exception
    where TState : notnull
    where TTrigger : notnull
{
    /// <summary>Wraps <paramref name="innerException"/> thrown during <paramref name="transition"/>.</summary>
    public StateMachineActionException(Transition<TState, TTrigger> transition, Exception innerException)
        : base($"An action failed while processing trigger {transition.Trigger} ({transition.Source} -> {transition.Destination}): {innerException.Message}", innerException)
    {
        Transition = transition;
    }

    /// <summary>The transition that was running, or being attempted, when the action threw.</summary>
    public Transition<TState, TTrigger> Transition { get; }
}
