namespace Ivr.StateMachine.Internal;

/// <summary>Checks a whole configuration for mistakes a single fluent call cannot see.</summary>
internal static class DefinitionValidator
{
    public static List<string> Validate<TState, TTrigger>(IEnumerable<TState> states, IReadOnlyDictionary<TState, StateRepresentation<TState, TTrigger>> representations)
        where TState : notnull
        where TTrigger : notnull
    {
        var problems = new List<string>();
        var list = states.ToList();
        var cyclic = new HashSet<TState>();
        foreach (var state in list)
        {
            if (FindCycle(state, representations) is { } cycle && cyclic.Add(state))
            {
                cyclic.UnionWith(cycle);
                problems.Add($"superstate cycle: {string.Join(" -> ", cycle)}");
            }
        }

        foreach (var representation in list.Select(s => representations[s]))
        {
            if (representation.HasInitialTransition && !cyclic.Contains(representation.State)
                && !IsProperSubstate(representation.InitialChild, representation.State, representations))
            {
                problems.Add($"initial transition of {representation.State} targets {representation.InitialChild}, which is not a substate of it");
            }

            foreach (var group in representation.BehavioursByTrigger.Where(g => g.Value.Count(b => b.Guard is null) > 1))
            {
                problems.Add($"state {representation.State} has {group.Value.Count(b => b.Guard is null)} unguarded rules for trigger {group.Key}");
            }
        }

        return problems;
    }

    /// <summary>The chain from <paramref name="start"/> back to itself through superstates, or null if there is none.</summary>
    private static List<TState>? FindCycle<TState, TTrigger>(TState start, IReadOnlyDictionary<TState, StateRepresentation<TState, TTrigger>> representations)
        where TState : notnull
        where TTrigger : notnull
    {
        var chain = new List<TState> { start };
        var seen = new HashSet<TState> { start };
        var current = start;
        while (representations.TryGetValue(current, out var representation) && representation.HasSuperstate)
        {
            current = representation.Superstate;
            chain.Add(current);
            if (EqualityComparer<TState>.Default.Equals(current, start))
            {
                return chain;
            }

            if (!seen.Add(current))
            {
                // A cycle further up; it is reported when its own members are checked.
                return null;
            }
        }

        return null;
    }

    private static bool IsProperSubstate<TState, TTrigger>(TState candidate, TState ancestor, IReadOnlyDictionary<TState, StateRepresentation<TState, TTrigger>> representations)
        where TState : notnull
        where TTrigger : notnull
    {
        var current = candidate;
        var seen = new HashSet<TState> { candidate };
        while (representations.TryGetValue(current, out var representation) && representation.HasSuperstate)
        {
            current = representation.Superstate;
            if (EqualityComparer<TState>.Default.Equals(current, ancestor))
            {
                return true;
            }

            if (!seen.Add(current))
            {
                return false;
            }
        }

        return false;
    }
}
