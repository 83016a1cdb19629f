namespace Ivr.StateMachine.Internal;

/// <summary>What a state timer delivers when it expires, and which entry into the state armed it.</summary>
internal sealed class TimerTicket<TState, TTrigger>(StateMachineInstance<TState, TTrigger> owner, TState state, long generation, TTrigger trigger)
    where TState : notnull
    where TTrigger : notnull
{
    public TState State { get; } = state;

    public long Generation { get; } = generation;

    public TTrigger Trigger { get; } = trigger;

    public void Elapse() => owner.PostFromTimer(this);
}
