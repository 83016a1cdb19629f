using Stateless.Graph;
using Stateless.Reflection;

namespace Ivr.Domain.Flow;

/// <summary>
/// Every voice script by name, described from the same definitions calls run: <c>patient</c> (the
/// patient's call), <c>whisper</c> (the clinician asked to join a caller), <c>page</c> (the voice page) and
/// <c>outbound</c> (a campaign's call to a patient) and
/// <c>prompt-line</c> (staff recording prompts by telephone).
/// </summary>
public static class VoiceScripts
{
    public const string Patient = "patient";
    public const string Whisper = "whisper";
    public const string Page = "page";
    public const string Outbound = "outbound";
    public const string PromptLine = "prompt-line";

    /// <summary>The scripts' names, the patient's first.</summary>
    public static IReadOnlyList<string> Names { get; } = [Patient, Whisper, Page, Outbound, PromptLine];

    /// <summary>The structure of the script <paramref name="name"/> with default options (the diagrams in docs/ are of these).</summary>
    public static StateMachineInfo Describe(string name) => name switch
    {
        Patient => CallFlow.Describe(),
        Whisper => WhisperFlow.Describe(),
        Page => PageFlow.Describe(),
        Outbound => Ivr.Domain.Outbound.OutboundFlow.Describe(),
        PromptLine => PromptLineFlow.Describe(),
        _ => throw new ArgumentException($"no voice script is named '{name}'; the scripts are {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>The script as a Mermaid state diagram.</summary>
    public static string Mermaid(string name) => MermaidGraph.Format(Describe(name));

    /// <summary>
    /// The script as a Graphviz (DOT) graph, laid out with dot's newer ranking: its older one loses an edge between
    /// neighbouring record-shaped states ("lost ... edge", exit 1) in a flow with as many cross edges as the patient's.
    /// </summary>
    public static string Dot(string name)
    {
        const string Opening = "digraph {";
        var graph = UmlDotGraph.Format(Describe(name));
        return graph.StartsWith(Opening, StringComparison.Ordinal) ? $"{Opening}\nnewrank=true;{graph[Opening.Length..]}" : graph;
    }
}
