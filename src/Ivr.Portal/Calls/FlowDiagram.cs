using System.Net;
using System.Text.RegularExpressions;
using Ivr.Domain.Flow;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Calls;

/// <summary>
/// The call-flow diagram, drawn on the server: the flow's Graphviz description (the one
/// <c>ivr flow --dot</c> prints) laid out once by Graphviz's <c>dot</c> into SVG, then marked for each
/// call with the states it entered and the transitions it took. No script and nothing from another site.
/// </summary>
public sealed partial class FlowDiagram(IDiagramLayout layout, ILogger<FlowDiagram> logger)
{
    private readonly Lazy<Task<Drawing>> _drawing = new(() => DrawAsync(layout, logger));

    /// <summary>The whole flow with nothing marked, or why it could not be drawn.</summary>
    public Task<Drawing> DrawAsync() => _drawing.Value;

    /// <summary>The flow with <paramref name="states"/> (in the order the call entered them) and the transitions between them marked.</summary>
    public async Task<Drawing> DrawAsync(IReadOnlyList<string> states)
    {
        var drawing = await _drawing.Value.ConfigureAwait(false);
        if (drawing.Svg is null)
        {
            return drawing;
        }

        var entered = states.ToHashSet(StringComparer.Ordinal);
        var edges = Element().Matches(drawing.Svg).Where(m => m.Groups["kind"].Value == "edge").Select(m => WebUtility.HtmlDecode(m.Groups["title"].Value)).ToHashSet(StringComparer.Ordinal);
        var taken = states.Zip(states.Skip(1)).Select(pair => Edge(pair.First, pair.Second, edges)).ToHashSet(StringComparer.Ordinal);
        var svg = Element().Replace(drawing.Svg, match =>
        {
            var title = WebUtility.HtmlDecode(match.Groups["title"].Value);
            var kind = match.Groups["kind"].Value;
            var marked = kind == "node" ? entered.Contains(title) : taken.Contains(title);
            return marked ? match.Value.Replace($"class=\"{kind}\"", $"class=\"{kind} {(kind == "node" ? "entered" : "taken")}\"", StringComparison.Ordinal) : match.Value;
        });
        return drawing with { Svg = svg };
    }

    /// <summary>
    /// The edge a step took: its own, or, where a superstate declares the trigger once for all its states
    /// (a hangup, a failure), the superstate's.
    /// </summary>
    private static string Edge(string from, string to, HashSet<string> edges) =>
        edges.Contains($"{from}->{to}") || !Superstates.TryGetValue(from, out var superstate) ? $"{from}->{to}" : $"{superstate}->{to}";

    private static readonly Dictionary<string, string> Superstates = VoiceScripts.Describe(VoiceScripts.Patient).States
        .Where(state => state.Superstate is not null)
        .ToDictionary(state => state.UnderlyingState.ToString()!, state => state.Superstate.UnderlyingState.ToString()!, StringComparer.Ordinal);

    private static async Task<Drawing> DrawAsync(IDiagramLayout layout, ILogger logger)
    {
        var drawing = await layout.LayOutAsync(VoiceScripts.Dot(VoiceScripts.Patient)).ConfigureAwait(false);
        if (drawing.Problem is not null)
        {
            logger.LogWarning("FlowDiagramFailed {Reason}", drawing.Problem);
        }

        return new Drawing(drawing.Svg, drawing.Problem);
    }

    [GeneratedRegex("""<g id="(?:node|edge)\d+" class="(?<kind>node|edge)">\s*<title>(?<title>[^<]*)</title>""")]
    private static partial Regex Element();

    /// <summary>The SVG markup, or <see cref="Problem"/> saying why there is none.</summary>
    public sealed record Drawing(string? Svg, string? Problem);
}
