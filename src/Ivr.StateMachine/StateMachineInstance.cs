using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

/// <summary>
/// One running state machine, made by <see cref="StateMachineDefinition{TState, TTrigger}.CreateInstance(TimeProvider?)"/>.
/// </summary>
/// <remarks>
/// <para>
/// Triggers go through a per-instance mailbox and are processed one at a time, in the order they were queued, each
/// to completion (exit actions, state change, observers, entry actions, initial transitions) before the next starts.
/// <see cref="FireAsync(TTrigger, CancellationToken)"/> and <see cref="Post(TTrigger)"/> may be called from any thread;
/// no lock is held while user code runs.
/// </para>
/// <para>
/// From inside an action, guard or observer of this instance, use <see cref="Post(TTrigger)"/>: the trigger runs after
/// the current one completes. Calling <c>FireAsync</c> there throws <see cref="InvalidOperationException"/> at once,
/// because awaiting it would wait for the very action that awaits it.
/// </para>
/// <para>
/// If an action throws, the fire that ran it fails with <see cref="StateMachineActionException{TState, TTrigger}"/>,
/// <see cref="ActionFailed"/> is raised, the triggers queued behind it complete as <see cref="FireResultKind.Aborted"/>,
/// and the definition's recovery trigger (<c>OnActionFailure</c>), if any, is processed next. The state is not rolled back.
/// An <see cref="OperationCanceledException"/> while the fire's token or the instance's lifetime is cancelled is not a
/// failure: that fire completes as <see cref="FireResultKind.Cancelled"/> and the queue carries on.
/// </para>
/// </remarks>
public sealed partial class StateMachineInstance<TState, TTrigger> : IAsyncDisposable
    where TState : notnull
    where TTrigger : notnull
{
    private readonly StateMachineDefinition<TState, TTrigger> _definition;
    private readonly Func<TState> _stateAccessor;
    private readonly Action<TState> _stateMutator;
    private readonly TimeProvider _timeProvider;
    private readonly HistoryRing<TState, TTrigger>? _history;

    internal StateMachineInstance(StateMachineDefinition<TState, TTrigger> definition, Func<TState> stateAccessor, Action<TState> stateMutator, TimeProvider timeProvider)
    {
        _definition = definition;
        _stateAccessor = stateAccessor;
        _stateMutator = stateMutator;
        _timeProvider = timeProvider;
        _history = definition.Events.HistoryCapacity > 0 ? new HistoryRing<TState, TTrigger>(definition.Events.HistoryCapacity) : null;
    }

    /// <summary>
    /// Raised on the processing loop each time an action throws, including for posted triggers nobody awaits.
    /// Exceptions thrown by handlers are ignored so that they cannot stop the mailbox.
    /// </summary>
    public event Action<StateMachineActionException<TState, TTrigger>>? ActionFailed;

    /// <summary>The definition this instance runs.</summary>
    public StateMachineDefinition<TState, TTrigger> Definition => _definition;

    /// <summary>The current state, read through the accessor. From outside the actions it is a snapshot.</summary>
    public TState State => _stateAccessor();

    /// <summary>Queues <paramref name="trigger"/> and completes when it has been processed.</summary>
    /// <param name="trigger">The trigger; it must not have declared parameters.</param>
    /// <param name="cancellationToken">Drops the trigger if it has not started (result <see cref="FireResultKind.Cancelled"/>); once started, it is passed to the actions.</param>
    /// <exception cref="InvalidOperationException">Called from inside an action of this instance; use <see cref="Post(TTrigger)"/>.</exception>
    /// <exception cref="ObjectDisposedException">The instance has been disposed.</exception>
    /// <exception cref="StateMachineActionException{TState, TTrigger}">(From the task.) An action, guard or observer threw.</exception>
    public Task<FireResult<TState, TTrigger>> FireAsync(TTrigger trigger, CancellationToken cancellationToken = default)
    {
        _definition.CheckArguments(trigger, []);
        return EnqueueAwaited(trigger, [], cancellationToken);
    }

    /// <summary>Queues a trigger with one argument and completes when it has been processed.</summary>
    public Task<FireResult<TState, TTrigger>> FireAsync<TArg0>(TriggerWithParameters<TTrigger, TArg0> trigger, TArg0 arg0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _definition.CheckArguments(trigger.Trigger, TriggerWithParameters<TTrigger, TArg0>.ParameterTypes);
        return EnqueueAwaited(trigger.Trigger, [arg0], cancellationToken);
    }

    /// <summary>Queues a trigger with two arguments and completes when it has been processed.</summary>
    public Task<FireResult<TState, TTrigger>> FireAsync<TArg0, TArg1>(TriggerWithParameters<TTrigger, TArg0, TArg1> trigger, TArg0 arg0, TArg1 arg1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _definition.CheckArguments(trigger.Trigger, TriggerWithParameters<TTrigger, TArg0, TArg1>.ParameterTypes);
        return EnqueueAwaited(trigger.Trigger, [arg0, arg1], cancellationToken);
    }

    /// <summary>Queues a trigger with three arguments and completes when it has been processed.</summary>
    public Task<FireResult<TState, TTrigger>> FireAsync<TArg0, TArg1, TArg2>(TriggerWithParameters<TTrigger, TArg0, TArg1, TArg2> trigger, TArg0 arg0, TArg1 arg1, TArg2 arg2, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _definition.CheckArguments(trigger.Trigger, TriggerWithParameters<TTrigger, TArg0, TArg1, TArg2>.ParameterTypes);
        return EnqueueAwaited(trigger.Trigger, [arg0, arg1, arg2], cancellationToken);
    }

    /// <summary>
    /// Queues <paramref name="trigger"/> without waiting for it: the way to fire from inside an action, and from event
    /// sources that need no answer. Its outcome is seen only through state, observers and <see cref="ActionFailed"/>.
    /// After disposal it is dropped silently, so late events during teardown are harmless.
    /// </summary>
    public void Post(TTrigger trigger)
    {
        _definition.CheckArguments(trigger, []);
        TryEnqueue(new MailboxItem<TState, TTrigger>(trigger, [], awaited: false));
    }

    /// <summary>Queues a trigger with one argument without waiting for it; see <see cref="Post(TTrigger)"/>.</summary>
    public void Post<TArg0>(TriggerWithParameters<TTrigger, TArg0> trigger, TArg0 arg0)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _definition.CheckArguments(trigger.Trigger, TriggerWithParameters<TTrigger, TArg0>.ParameterTypes);
        TryEnqueue(new MailboxItem<TState, TTrigger>(trigger.Trigger, [arg0], awaited: false));
    }

    /// <summary>Queues a trigger with two arguments without waiting for it; see <see cref="Post(TTrigger)"/>.</summary>
    public void Post<TArg0, TArg1>(TriggerWithParameters<TTrigger, TArg0, TArg1> trigger, TArg0 arg0, TArg1 arg1)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _definition.CheckArguments(trigger.Trigger, TriggerWithParameters<TTrigger, TArg0, TArg1>.ParameterTypes);
        TryEnqueue(new MailboxItem<TState, TTrigger>(trigger.Trigger, [arg0, arg1], awaited: false));
    }

    /// <summary>Queues a trigger with three arguments without waiting for it; see <see cref="Post(TTrigger)"/>.</summary>
    public void Post<TArg0, TArg1, TArg2>(TriggerWithParameters<TTrigger, TArg0, TArg1, TArg2> trigger, TArg0 arg0, TArg1 arg1, TArg2 arg2)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _definition.CheckArguments(trigger.Trigger, TriggerWithParameters<TTrigger, TArg0, TArg1, TArg2>.ParameterTypes);
        TryEnqueue(new MailboxItem<TState, TTrigger>(trigger.Trigger, [arg0, arg1, arg2], awaited: false));
    }

    private FireResult<TState, TTrigger> Unprocessed(FireResultKind kind, TTrigger trigger)
    {
        var state = _stateAccessor();
        return new FireResult<TState, TTrigger>(kind, trigger, state, state);
    }
}
