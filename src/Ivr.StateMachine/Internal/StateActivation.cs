namespace Ivr.StateMachine.Internal;

/// <summary>The timers armed by one entry into a state; the generation tells this entry from later ones.</summary>
internal sealed class StateActivation(long generation, ITimer[] timers)
{
    public long Generation { get; } = generation;

    public ITimer[] Timers { get; } = timers;
}
