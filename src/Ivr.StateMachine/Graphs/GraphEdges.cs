using Ivr.StateMachine.Internal;

namespace Ivr.StateMachine.Graphs;

/// <summary>What both graph formats draw, in a stable order: states as listed by the definition, rules in declaration order.</summary>
internal static class GraphEdges
{
    /// <summary>Transitions, reentries and internal transitions with their labels; ignored triggers are not drawn.</summary>
    public static IEnumerable<(TState Source, TState Destination, string Label)> Of<TState, TTrigger>(StateMachineDefinition<TState, TTrigger> definition)
        where TState : notnull
        where TTrigger : notnull
    {
        foreach (var state in definition.States)
        {
            foreach (var behaviour in definition.GetRepresentation(state).Behaviours.Where(b => b.Kind != TriggerBehaviourKind.Ignore))
            {
                var label = behaviour.Trigger.ToString() ?? string.Empty;
                if (behaviour.Guard is { } guard)
                {
                    label += $" [{guard.Description}]";
                }

                if (behaviour.Kind == TriggerBehaviourKind.Internal)
                {
                    label += " (internal)";
                }

                yield return (state, behaviour.Destination, label);
            }
        }
    }

    /// <summary>One line per <c>After</c> rule, e.g. <c>after 30s / Timeout</c>.</summary>
    public static IEnumerable<string> TimerLines<TState, TTrigger>(StateMachineDefinition<TState, TTrigger> definition, TState state)
        where TState : notnull
        where TTrigger : notnull =>
        definition.GetRepresentation(state).Timers.Select(t => $"after {t.DelayLabel} / {t.Trigger}");

    public static IEnumerable<TState> TopLevel<TState, TTrigger>(StateMachineDefinition<TState, TTrigger> definition)
        where TState : notnull
        where TTrigger : notnull =>
        definition.States.Where(s => !definition.GetRepresentation(s).HasSuperstate);
}
