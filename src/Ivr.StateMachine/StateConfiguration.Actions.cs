using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

// No Action<Transition> overloads: with Func<CancellationToken, Task> beside them, `_ => DoAsync()` would be ambiguous.
public sealed partial class StateConfiguration<TState, TTrigger>
{
    /// <summary>
    /// Runs <paramref name="action"/> each time this state is entered (not when moving between its substates).
    /// The token is cancelled when the fire's token is cancelled or the instance is disposed.
    /// To fire the next trigger from here, use <see cref="StateMachineInstance{TState, TTrigger}.Post(TTrigger)"/>.
    /// </summary>
    public StateConfiguration<TState, TTrigger> OnEntry(Func<Transition<TState, TTrigger>, CancellationToken, Task> action)
    {
        _entryActions.Add(new StateAction<TState, TTrigger>(action, false, default!));
        return this;
    }

    /// <summary>Runs the asynchronous <paramref name="action"/> each time this state is entered.</summary>
    public StateConfiguration<TState, TTrigger> OnEntry(Func<CancellationToken, Task> action) =>
        OnEntry((_, ct) => action(ct));

    /// <summary>Runs the synchronous <paramref name="action"/> each time this state is entered.</summary>
    public StateConfiguration<TState, TTrigger> OnEntry(Action action) =>
        OnEntry(Sync(_ => action()));

    /// <summary>Runs <paramref name="action"/> when this state is entered because of <paramref name="trigger"/>.</summary>
    public StateConfiguration<TState, TTrigger> OnEntryFrom(TTrigger trigger, Func<Transition<TState, TTrigger>, CancellationToken, Task> action)
    {
        _entryActions.Add(new StateAction<TState, TTrigger>(action, true, trigger));
        return this;
    }

    /// <summary>Runs the asynchronous <paramref name="action"/> when this state is entered because of <paramref name="trigger"/>.</summary>
    public StateConfiguration<TState, TTrigger> OnEntryFrom(TTrigger trigger, Func<CancellationToken, Task> action) =>
        OnEntryFrom(trigger, (_, ct) => action(ct));

    /// <summary>Runs the synchronous <paramref name="action"/> when this state is entered because of <paramref name="trigger"/>.</summary>
    public StateConfiguration<TState, TTrigger> OnEntryFrom(TTrigger trigger, Action action) =>
        OnEntryFrom(trigger, Sync(_ => action()));

    /// <summary>Runs <paramref name="action"/> each time this state is exited (not when moving between its substates).</summary>
    public StateConfiguration<TState, TTrigger> OnExit(Func<Transition<TState, TTrigger>, CancellationToken, Task> action)
    {
        _exitActions.Add(new StateAction<TState, TTrigger>(action, false, default!));
        return this;
    }

    /// <summary>Runs the asynchronous <paramref name="action"/> each time this state is exited.</summary>
    public StateConfiguration<TState, TTrigger> OnExit(Func<CancellationToken, Task> action) =>
        OnExit((_, ct) => action(ct));

    /// <summary>Runs the synchronous <paramref name="action"/> each time this state is exited.</summary>
    public StateConfiguration<TState, TTrigger> OnExit(Action action) =>
        OnExit(Sync(_ => action()));
}
