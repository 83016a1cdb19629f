using System.Text;
using System.Text.RegularExpressions;

namespace Ivr.StateMachine.Graphs;

/// <summary>
/// Writes a definition as a Mermaid <c>stateDiagram-v2</c>: superstates as composite states, <c>[*] --&gt;</c> for the
/// initial state and initial transitions, guards as <c>Trigger [guard]</c>, timers as state notes <c>after 30s / Trigger</c>.
/// The output is deterministic, so it can be compared as text.
/// </summary>
public static partial class MermaidGraph
{
    /// <summary>Formats <paramref name="definition"/>; lines end in <c>\n</c>.</summary>
    public static string Format<TState, TTrigger>(StateMachineDefinition<TState, TTrigger> definition)
        where TState : notnull
        where TTrigger : notnull
    {
        ArgumentNullException.ThrowIfNull(definition);
        var text = new StringBuilder("stateDiagram-v2\n");
        text.Append($"    [*] --> {Id(definition.InitialState)}\n");
        foreach (var state in GraphEdges.TopLevel(definition))
        {
            WriteState(text, definition, state, 1);
        }

        foreach (var (source, destination, label) in GraphEdges.Of(definition))
        {
            text.Append($"    {Id(source)} --> {Id(destination)} : {Escape(label)}\n");
        }

        return text.ToString();
    }

    private static void WriteState<TState, TTrigger>(StringBuilder text, StateMachineDefinition<TState, TTrigger> definition, TState state, int depth)
        where TState : notnull
        where TTrigger : notnull
    {
        var indent = new string(' ', depth * 4);
        var substates = definition.GetSubstates(state);
        var declaration = Id(state) == Name(state) ? Id(state) : $"state \"{Escape(Name(state))}\" as {Id(state)}";
        if (substates.Count == 0)
        {
            text.Append($"{indent}{declaration}\n");
        }
        else
        {
            text.Append($"{indent}{(declaration.StartsWith("state ", StringComparison.Ordinal) ? declaration : "state " + declaration)} {{\n");
            if (definition.GetRepresentation(state) is { HasInitialTransition: true } representation)
            {
                text.Append($"{indent}    [*] --> {Id(representation.InitialChild)}\n");
            }

            foreach (var substate in substates)
            {
                WriteState(text, definition, substate, depth + 1);
            }

            text.Append($"{indent}}}\n");
        }

        foreach (var line in GraphEdges.TimerLines(definition, state))
        {
            text.Append($"{indent}{Id(state)} : {Escape(line)}\n");
        }
    }

    private static string Name<TState>(TState state) where TState : notnull => state.ToString() ?? string.Empty;

    /// <summary>Mermaid ids are identifiers; other names are declared with <c>state "name" as id</c>.</summary>
    private static string Id<TState>(TState state) where TState : notnull =>
        NotIdentifierCharacter().Replace(Name(state), "_") is { Length: > 0 } id ? id : "_";

    /// <summary>Labels are one line; <c>#</c>, <c>&lt;</c> and <c>&gt;</c> would be read as entity codes or markup.</summary>
    private static string Escape(string label) =>
        Whitespace().Replace(label, " ").Trim().Replace("#", "#35;", StringComparison.Ordinal)
            .Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal);

    [GeneratedRegex(@"[^A-Za-z0-9_]")]
    private static partial Regex NotIdentifierCharacter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
