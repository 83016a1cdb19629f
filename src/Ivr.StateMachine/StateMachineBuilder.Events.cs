using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

public sealed partial class StateMachineBuilder<TState, TTrigger>
{
    private readonly List<Func<Transition<TState, TTrigger>, CancellationToken, Task>> _transitioned = [];
    private readonly List<Func<Transition<TState, TTrigger>, CancellationToken, Task>> _transitionCompleted = [];
    private Func<FireResult<TState, TTrigger>, CancellationToken, Task>? _unhandledTrigger;
    private bool _hasRecoveryTrigger;
    private TTrigger _recoveryTrigger = default!;
    private int _historyCapacity;

    /// <summary>Runs after the exit actions and the state change, before any entry action (also for each initial transition).</summary>
    public StateMachineBuilder<TState, TTrigger> OnTransitioned(Func<Transition<TState, TTrigger>, CancellationToken, Task> observer)
    {
        _transitioned.Add(observer);
        return this;
    }

    /// <summary>Synchronous form of <see cref="OnTransitioned(Func{Transition{TState, TTrigger}, CancellationToken, Task})"/>.</summary>
    public StateMachineBuilder<TState, TTrigger> OnTransitioned(Action<Transition<TState, TTrigger>> observer) =>
        OnTransitioned(Sync(observer));

    /// <summary>Runs once a transition is complete: after entry actions and initial transitions; the destination is the final state.</summary>
    public StateMachineBuilder<TState, TTrigger> OnTransitionCompleted(Func<Transition<TState, TTrigger>, CancellationToken, Task> observer)
    {
        _transitionCompleted.Add(observer);
        return this;
    }

    /// <summary>Synchronous form of <see cref="OnTransitionCompleted(Func{Transition{TState, TTrigger}, CancellationToken, Task})"/>.</summary>
    public StateMachineBuilder<TState, TTrigger> OnTransitionCompleted(Action<Transition<TState, TTrigger>> observer) =>
        OnTransitionCompleted(Sync(observer));

    /// <summary>
    /// Called with the <see cref="FireResultKind.NoTransition"/> or <see cref="FireResultKind.GuardRefused"/> result of a
    /// trigger nothing accepted. Without it such triggers are only reported in their result; they never throw.
    /// </summary>
    public StateMachineBuilder<TState, TTrigger> OnUnhandledTrigger(Func<FireResult<TState, TTrigger>, CancellationToken, Task> handler)
    {
        _unhandledTrigger = handler;
        return this;
    }

    /// <summary>Synchronous form of <see cref="OnUnhandledTrigger(Func{FireResult{TState, TTrigger}, CancellationToken, Task})"/>.</summary>
    public StateMachineBuilder<TState, TTrigger> OnUnhandledTrigger(Action<FireResult<TState, TTrigger>> handler) =>
        OnUnhandledTrigger((result, _) =>
        {
            handler(result);
            return Task.CompletedTask;
        });

    /// <summary>
    /// When an action throws, the triggers queued behind it are aborted and <paramref name="recoveryTrigger"/> is fired next,
    /// from whatever state the failure left. Configure it like any trigger (typically on a top superstate, to a safe state).
    /// A failure while handling the recovery trigger itself does not fire it again.
    /// </summary>
    public StateMachineBuilder<TState, TTrigger> OnActionFailure(TTrigger recoveryTrigger)
    {
        _hasRecoveryTrigger = true;
        _recoveryTrigger = recoveryTrigger;
        return this;
    }

    /// <summary>Keeps the last <paramref name="capacity"/> state changes of each instance for diagnostics. Default 0 (none).</summary>
    public StateMachineBuilder<TState, TTrigger> RetainHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _historyCapacity = capacity;
        return this;
    }

    private DefinitionEvents<TState, TTrigger> FreezeEvents() => new()
    {
        Transitioned = [.. _transitioned],
        TransitionCompleted = [.. _transitionCompleted],
        UnhandledTrigger = _unhandledTrigger,
        HasRecoveryTrigger = _hasRecoveryTrigger,
        RecoveryTrigger = _recoveryTrigger,
        HistoryCapacity = _historyCapacity,
    };

    private static Func<Transition<TState, TTrigger>, CancellationToken, Task> Sync(Action<Transition<TState, TTrigger>> observer) =>
        (transition, _) =>
        {
            observer(transition);
            return Task.CompletedTask;
        };
}
