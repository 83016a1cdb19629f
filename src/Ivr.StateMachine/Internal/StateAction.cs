namespace Ivr.StateMachine.Internal;

/// <summary>An entry or exit action, optionally limited to one trigger (<c>OnEntryFrom</c>).</summary>
internal sealed class StateAction<TState, TTrigger>(Func<Transition<TState, TTrigger>, CancellationToken, Task> run, bool hasTrigger, TTrigger trigger)
    where TState : notnull
    where TTrigger : notnull
{
    public Func<Transition<TState, TTrigger>, CancellationToken, Task> Run { get; } = run;

    public bool AppliesTo(Transition<TState, TTrigger> transition) =>
        !hasTrigger || EqualityComparer<TTrigger>.Default.Equals(trigger, transition.Trigger);
}
