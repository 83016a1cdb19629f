using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

public sealed partial class StateMachineInstance<TState, TTrigger>
{
    /// <summary>True when the current state is <paramref name="state"/> or one of its substates.</summary>
    public bool IsInState(TState state) => _definition.IsSameOrSubstateOf(State, state);

    /// <summary>
    /// True when firing <paramref name="trigger"/> now would be accepted (a transition, internal transition or ignore),
    /// judging synchronous guards. Guards that need trigger arguments count as passing.
    /// </summary>
    /// <exception cref="InvalidOperationException">A guard on the way is asynchronous; use <see cref="CanFireAsync"/>.</exception>
    public bool CanFire(TTrigger trigger) => CanFire(trigger, out _);

    /// <summary>Like <see cref="CanFire(TTrigger)"/>, also giving the descriptions of the guards that refused.</summary>
    public bool CanFire(TTrigger trigger, out IReadOnlyList<string> unmetGuards)
    {
        var (behaviour, unmet) = SelectNow(State, trigger, []);
        unmetGuards = behaviour is null && unmet is not null ? unmet : [];
        return behaviour is not null;
    }

    /// <summary>Like <see cref="CanFire(TTrigger)"/> for a trigger with one argument, judging guards with <paramref name="arg0"/>.</summary>
    public bool CanFire<TArg0>(TriggerWithParameters<TTrigger, TArg0> trigger, TArg0 arg0)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return SelectNow(State, trigger.Trigger, [arg0]).Behaviour is not null;
    }

    /// <summary>Like <see cref="CanFire(TTrigger)"/>, awaiting asynchronous guards.</summary>
    public async Task<bool> CanFireAsync(TTrigger trigger, CancellationToken cancellationToken = default)
    {
        var (behaviour, _) = await SelectAsync(State, trigger, [], forExecution: false, cancellationToken).ConfigureAwait(false);
        return behaviour is not null;
    }

    /// <summary>The triggers <see cref="CanFire(TTrigger)"/> would accept now: this state's first, then its superstates', each once.</summary>
    /// <exception cref="InvalidOperationException">A guard on the way is asynchronous; use <see cref="GetPermittedTriggersAsync"/>.</exception>
    public IReadOnlyList<TTrigger> GetPermittedTriggers()
    {
        var state = State;
        return [.. CandidateTriggers(state).Where(t => SelectNow(state, t, []).Behaviour is not null)];
    }

    /// <summary>Like <see cref="GetPermittedTriggers"/>, awaiting asynchronous guards.</summary>
    public async Task<IReadOnlyList<TTrigger>> GetPermittedTriggersAsync(CancellationToken cancellationToken = default)
    {
        var state = State;
        var permitted = new List<TTrigger>();
        foreach (var trigger in CandidateTriggers(state))
        {
            if ((await SelectAsync(state, trigger, [], forExecution: false, cancellationToken).ConfigureAwait(false)).Behaviour is not null)
            {
                permitted.Add(trigger);
            }
        }

        return permitted;
    }

    /// <summary>The last state changes, oldest first; empty unless the definition set <c>RetainHistory</c>.</summary>
    public IReadOnlyList<TransitionRecord<TState, TTrigger>> GetHistory() => _history?.Snapshot() ?? [];

    private IEnumerable<TTrigger> CandidateTriggers(TState state) =>
        _definition.GetPathToRoot(state).SelectMany(s => _definition.GetRepresentation(s).Behaviours).Select(b => b.Trigger).Distinct();

    private (TriggerBehaviour<TState, TTrigger>? Behaviour, List<string>? UnmetGuards) SelectNow(TState state, TTrigger trigger, object?[] arguments)
    {
        var selection = SelectAsync(state, trigger, arguments, forExecution: false, CancellationToken.None).AsTask();
        if (!selection.IsCompleted)
        {
            throw new InvalidOperationException($"A guard for trigger {trigger} is asynchronous; use CanFireAsync or GetPermittedTriggersAsync.");
        }

        return selection.GetAwaiter().GetResult();
    }
}
