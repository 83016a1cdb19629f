namespace Ivr.StateMachine.Internal;

/// <summary>Storage for instances that keep their own state.</summary>
internal sealed class StateHolder<TState>(TState initial)
{
    private readonly Lock _gate = new();
    private TState _value = initial;

    // Locked so that a large struct state read from another thread (State, IsInState) is never torn.
    public TState Get()
    {
        lock (_gate)
        {
            return _value;
        }
    }

    public void Set(TState value)
    {
        lock (_gate)
        {
            _value = value;
        }
    }
}
