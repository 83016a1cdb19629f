using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine;

/// <summary>
/// Configures a state machine once; <see cref="Build"/> validates it and returns an immutable
/// <see cref="StateMachineDefinition{TState, TTrigger}"/> from which any number of cheap instances are made.
/// </summary>
/// <remarks>Not thread-safe: configure from one thread, then share the built definition freely.</remarks>
public sealed partial class StateMachineBuilder<TState, TTrigger>
    where TState : notnull
    where TTrigger : notnull
{
    private readonly Dictionary<TState, StateConfiguration<TState, TTrigger>> _configurations = [];
    private readonly List<StateConfiguration<TState, TTrigger>> _configurationOrder = [];
    private readonly Dictionary<TTrigger, Type[]> _triggerParameters = [];
    private readonly List<string> _problems = [];

    /// <summary>Starts a configuration whose instances begin in <paramref name="initialState"/> unless told otherwise.</summary>
    public StateMachineBuilder(TState initialState) => InitialState = initialState;

    /// <summary>The state new instances start in, and the one graphs mark with an initial arrow.</summary>
    public TState InitialState { get; }

    /// <summary>Returns the configuration of <paramref name="state"/>, the same object on every call.</summary>
    public StateConfiguration<TState, TTrigger> Configure(TState state)
    {
        if (!_configurations.TryGetValue(state, out var configuration))
        {
            configuration = new StateConfiguration<TState, TTrigger>(state);
            _configurations.Add(state, configuration);
            _configurationOrder.Add(configuration);
        }

        return configuration;
    }

    /// <summary>Declares that <paramref name="trigger"/> carries one argument of type <typeparamref name="TArg0"/>.</summary>
    public TriggerWithParameters<TTrigger, TArg0> SetTriggerParameters<TArg0>(TTrigger trigger)
    {
        Register(trigger, TriggerWithParameters<TTrigger, TArg0>.ParameterTypes);
        return new(trigger);
    }

    /// <summary>Declares that <paramref name="trigger"/> carries two arguments.</summary>
    public TriggerWithParameters<TTrigger, TArg0, TArg1> SetTriggerParameters<TArg0, TArg1>(TTrigger trigger)
    {
        Register(trigger, TriggerWithParameters<TTrigger, TArg0, TArg1>.ParameterTypes);
        return new(trigger);
    }

    /// <summary>Declares that <paramref name="trigger"/> carries three arguments.</summary>
    public TriggerWithParameters<TTrigger, TArg0, TArg1, TArg2> SetTriggerParameters<TArg0, TArg1, TArg2>(TTrigger trigger)
    {
        Register(trigger, TriggerWithParameters<TTrigger, TArg0, TArg1, TArg2>.ParameterTypes);
        return new(trigger);
    }

    /// <summary>Validates the configuration and freezes it.</summary>
    /// <exception cref="StateMachineConfigurationException">The configuration is inconsistent; every problem is named.</exception>
    public StateMachineDefinition<TState, TTrigger> Build()
    {
        var representations = _configurationOrder.ToDictionary(c => c.State, c => c.Freeze());
        var problems = new List<string>(_problems);
        problems.AddRange(_configurationOrder.SelectMany(c => c.Problems));
        problems.AddRange(DefinitionValidator.Validate(_configurationOrder.Select(c => c.State), representations));
        if (_hasRecoveryTrigger && _triggerParameters.ContainsKey(_recoveryTrigger))
        {
            problems.Add($"recovery trigger {_recoveryTrigger} must not take parameters");
        }

        if (problems.Count > 0)
        {
            throw new StateMachineConfigurationException(problems);
        }

        return new StateMachineDefinition<TState, TTrigger>(InitialState, OrderStates(), representations, new Dictionary<TTrigger, Type[]>(_triggerParameters), FreezeEvents());
    }

    private void Register(TTrigger trigger, Type[] parameterTypes)
    {
        if (!_triggerParameters.TryAdd(trigger, parameterTypes))
        {
            _problems.Add($"parameters of trigger {trigger} are set more than once");
        }
    }

    /// <summary>The initial state, then configured states in configuration order, then states only referenced.</summary>
    private List<TState> OrderStates()
    {
        var ordered = new List<TState> { InitialState };
        var seen = new HashSet<TState> { InitialState };
        foreach (var state in _configurationOrder.Select(c => c.State).Concat(_configurationOrder.SelectMany(c => c.ReferencedStates)))
        {
            if (seen.Add(state))
            {
                ordered.Add(state);
            }
        }

        return ordered;
    }
}
