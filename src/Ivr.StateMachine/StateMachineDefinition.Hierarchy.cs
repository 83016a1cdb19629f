namespace Ivr.StateMachine;

public sealed partial class StateMachineDefinition<TState, TTrigger>
{
    private static readonly EqualityComparer<TState> StateComparer = EqualityComparer<TState>.Default;

    /// <summary>True when <paramref name="state"/> is <paramref name="ancestor"/> or one of its substates, at any depth.</summary>
    public bool IsSameOrSubstateOf(TState state, TState ancestor) =>
        GetPathToRoot(state).Contains(ancestor, StateComparer);

    /// <summary>The direct substates of <paramref name="superstate"/>, in <see cref="States"/> order.</summary>
    public IReadOnlyList<TState> GetSubstates(TState superstate) =>
        [.. States.Where(s => GetRepresentation(s) is { HasSuperstate: true } r && StateComparer.Equals(r.Superstate, superstate))];

    /// <summary>The state followed by its superstates, innermost first.</summary>
    internal TState[] GetPathToRoot(TState state) =>
        _pathsToRoot.TryGetValue(state, out var path) ? path : [state];

    /// <summary>
    /// The states to exit (innermost first) and enter (outermost first) to go from <paramref name="source"/> to
    /// <paramref name="destination"/>. The common ancestors are neither exited nor entered, except that a reentry
    /// exits and enters <paramref name="destination"/> itself.
    /// </summary>
    internal (List<TState> Exits, List<TState> Entries) PlanTransition(TState source, TState destination, bool reentry)
    {
        var sourcePath = GetPathToRoot(source);
        var destinationPath = GetPathToRoot(destination);
        if (reentry)
        {
            var index = Array.FindIndex(sourcePath, s => StateComparer.Equals(s, destination));
            return ([.. sourcePath.Take(index < 0 ? 1 : index + 1)], [destination]);
        }

        var exits = sourcePath.Where(s => !destinationPath.Contains(s, StateComparer)).ToList();
        var entries = destinationPath.Where(s => !sourcePath.Contains(s, StateComparer)).Reverse().ToList();
        return (exits, entries);
    }

    /// <summary>The states entered, outermost first, when an initial transition moves from <paramref name="superstate"/> into <paramref name="child"/>.</summary>
    internal IEnumerable<TState> PlanInitialEntries(TState superstate, TState child) =>
        GetPathToRoot(child).TakeWhile(s => !StateComparer.Equals(s, superstate)).Reverse();

    private TState[] BuildPathToRoot(TState state)
    {
        var path = new List<TState> { state };
        var representation = _representations[state];
        while (representation.HasSuperstate)
        {
            path.Add(representation.Superstate);
            representation = GetRepresentation(representation.Superstate);
        }

        return [.. path];
    }
}
