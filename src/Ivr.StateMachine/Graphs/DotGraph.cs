using System.Text;

namespace Ivr.StateMachine.Graphs;

/// <summary>
/// Writes a definition as a Graphviz <c>digraph</c>: superstates as clusters (edges to and from them clipped at the
/// cluster border), a point for the initial state, guards as <c>Trigger [guard]</c>, timers as extra label lines.
/// Names and labels are escaped; the output is deterministic, so it can be compared as text.
/// </summary>
public static class DotGraph
{
    private const string InitialNode = "\"[*]\"";

    /// <summary>Formats <paramref name="definition"/>; lines end in <c>\n</c>.</summary>
    public static string Format<TState, TTrigger>(StateMachineDefinition<TState, TTrigger> definition)
        where TState : notnull
        where TTrigger : notnull
    {
        ArgumentNullException.ThrowIfNull(definition);
        var text = new StringBuilder("digraph {\n    compound=true;\n    node [shape=box, style=rounded];\n");
        text.Append($"    {InitialNode} [label=\"\", shape=point];\n");
        foreach (var state in GraphEdges.TopLevel(definition))
        {
            WriteState(text, definition, state, 1);
        }

        text.Append($"    {InitialNode} -> {Quote(Name(definition.InitialState))};\n");
        foreach (var (source, destination, label) in GraphEdges.Of(definition))
        {
            var clip = new StringBuilder();
            if (definition.GetSubstates(source).Count > 0)
            {
                clip.Append($", ltail={Quote("cluster_" + Name(source))}");
            }

            if (definition.GetSubstates(destination).Count > 0)
            {
                clip.Append($", lhead={Quote("cluster_" + Name(destination))}");
            }

            text.Append($"    {Quote(Name(source))} -> {Quote(Name(destination))} [label={Quote(label)}{clip}];\n");
        }

        return text.Append("}\n").ToString();
    }

    private static void WriteState<TState, TTrigger>(StringBuilder text, StateMachineDefinition<TState, TTrigger> definition, TState state, int depth)
        where TState : notnull
        where TTrigger : notnull
    {
        var indent = new string(' ', depth * 4);
        var label = Label(definition, state);
        var substates = definition.GetSubstates(state);
        if (substates.Count == 0)
        {
            text.Append($"{indent}{Quote(Name(state))} [label={label}];\n");
            return;
        }

        // A cluster cannot be an edge end; its point node stands for it, and draws as its initial pseudo-state.
        var representation = definition.GetRepresentation(state);
        text.Append($"{indent}subgraph {Quote("cluster_" + Name(state))} {{\n");
        text.Append($"{indent}    label={label};\n");
        text.Append($"{indent}    {Quote(Name(state))} [label=\"\", shape=point{(representation.HasInitialTransition ? string.Empty : ", style=invis")}];\n");
        foreach (var substate in substates)
        {
            WriteState(text, definition, substate, depth + 1);
        }

        if (representation.HasInitialTransition)
        {
            text.Append($"{indent}    {Quote(Name(state))} -> {Quote(Name(representation.InitialChild))};\n");
        }

        text.Append($"{indent}}}\n");
    }

    private static string Label<TState, TTrigger>(StateMachineDefinition<TState, TTrigger> definition, TState state)
        where TState : notnull
        where TTrigger : notnull =>
        "\"" + string.Join("\\n", GraphEdges.TimerLines(definition, state).Prepend(Name(state)).Select(EscapeContent)) + "\"";

    private static string Name<TState>(TState state) where TState : notnull => state.ToString() ?? string.Empty;

    private static string Quote(string value) => "\"" + EscapeContent(value) + "\"";

    private static string EscapeContent(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\n", StringComparison.Ordinal);
}
