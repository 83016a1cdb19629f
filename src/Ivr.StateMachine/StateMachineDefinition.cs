using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

/// <summary>
/// An immutable, validated state machine configuration, made by <see cref="StateMachineBuilder{TState, TTrigger}.Build"/>.
/// Thread-safe; build it once and create one instance per session, conversation or job.
/// </summary>
public sealed partial class StateMachineDefinition<TState, TTrigger>
    where TState : notnull
    where TTrigger : notnull
{
    private readonly Dictionary<TState, StateRepresentation<TState, TTrigger>> _representations;
    private readonly Dictionary<TState, TState[]> _pathsToRoot;
    private readonly Dictionary<TTrigger, Type[]> _triggerParameters;

    internal StateMachineDefinition(
        TState initialState,
        IReadOnlyList<TState> states,
        Dictionary<TState, StateRepresentation<TState, TTrigger>> representations,
        Dictionary<TTrigger, Type[]> triggerParameters,
        DefinitionEvents<TState, TTrigger> events)
    {
        InitialState = initialState;
        States = states;
        _representations = representations;
        foreach (var state in states.Where(s => !representations.ContainsKey(s)))
        {
            _representations.Add(state, new StateRepresentation<TState, TTrigger> { State = state });
        }

        _triggerParameters = triggerParameters;
        Events = events;
        _pathsToRoot = states.ToDictionary(s => s, BuildPathToRoot);
    }

    /// <summary>The state <see cref="CreateInstance(TimeProvider?)"/> starts in.</summary>
    public TState InitialState { get; }

    /// <summary>Every configured or referenced state: the initial state, then in configuration order.</summary>
    public IReadOnlyList<TState> States { get; }

    internal DefinitionEvents<TState, TTrigger> Events { get; }

    /// <summary>Creates an instance that keeps its own state, starting in <see cref="InitialState"/>.</summary>
    /// <param name="timeProvider">Clock for state timers and history; <see cref="TimeProvider.System"/> when null.</param>
    public StateMachineInstance<TState, TTrigger> CreateInstance(TimeProvider? timeProvider = null) =>
        CreateInstance(InitialState, timeProvider);

    /// <summary>Creates an instance that keeps its own state, starting in <paramref name="initialState"/>.</summary>
    /// <remarks>No entry action runs and no timer starts for the starting state; they run when a state is entered by a trigger.</remarks>
    public StateMachineInstance<TState, TTrigger> CreateInstance(TState initialState, TimeProvider? timeProvider = null)
    {
        var holder = new StateHolder<TState>(initialState);
        return new StateMachineInstance<TState, TTrigger>(this, holder.Get, holder.Set, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Creates an instance whose state is stored outside it (e.g. on an entity), read and written through the delegates.</summary>
    /// <remarks>The mutator is called only from the instance's processing loop, once per state change.</remarks>
    public StateMachineInstance<TState, TTrigger> CreateInstance(Func<TState> stateAccessor, Action<TState> stateMutator, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(stateAccessor);
        ArgumentNullException.ThrowIfNull(stateMutator);
        return new StateMachineInstance<TState, TTrigger>(this, stateAccessor, stateMutator, timeProvider ?? TimeProvider.System);
    }

    internal StateRepresentation<TState, TTrigger> GetRepresentation(TState state) =>
        _representations.TryGetValue(state, out var representation) ? representation : new StateRepresentation<TState, TTrigger> { State = state };

    /// <summary>Refuses arguments that do not match what <c>SetTriggerParameters</c> declared.</summary>
    internal void CheckArguments(TTrigger trigger, Type[] parameterTypes)
    {
        var declared = _triggerParameters.TryGetValue(trigger, out var types) ? types : [];
        if (!declared.SequenceEqual(parameterTypes))
        {
            throw new ArgumentException(
                $"Trigger {trigger} takes ({string.Join(", ", declared.Select(t => t.Name))}) but was fired with ({string.Join(", ", parameterTypes.Select(t => t.Name))}).",
                nameof(trigger));
        }
    }
}
