using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Ivr.Domain.Flow;
using Ivr.StateMachine.Graphs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Portal.Calls;

/// <summary>
/// The call-flow diagram, drawn on the server: the flow's Graphviz description (the one
/// <c>ivr flow --dot</c> prints) laid out once by Graphviz's <c>dot</c> into SVG, then marked for each
/// call with the states it entered and the transitions it took. No script and nothing from another site.
/// </summary>
public sealed partial class FlowDiagram(IOptions<PortalOptions> options, ILogger<FlowDiagram> logger)
{
    private readonly Lazy<Task<Drawing>> _drawing = new(() => DrawAsync(options.Value.GraphvizDot, logger));

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
        var taken = states.Zip(states.Skip(1)).Select(pair => $"{pair.First}->{pair.Second}").ToHashSet(StringComparer.Ordinal);
        var svg = Element().Replace(drawing.Svg, match =>
        {
            var title = WebUtility.HtmlDecode(match.Groups["title"].Value);
            var kind = match.Groups["kind"].Value;
            var marked = kind == "node" ? entered.Contains(title) : taken.Contains(title);
            return marked ? match.Value.Replace($"class=\"{kind}\"", $"class=\"{kind} {(kind == "node" ? "entered" : "taken")}\"", StringComparison.Ordinal) : match.Value;
        });
        return drawing with { Svg = svg };
    }

    private static async Task<Drawing> DrawAsync(string dot, ILogger logger)
    {
        var start = new ProcessStartInfo(dot) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-Tsvg", "-Gfontname=sans-serif", "-Nfontname=sans-serif", "-Efontname=sans-serif", "-Nfontsize=12", "-Efontsize=10", "-Gbgcolor=transparent"])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.WriteAsync(DotGraph.Format(CallFlow.Describe())).ConfigureAwait(false);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var svg = await output.ConfigureAwait(false);
            if (process.ExitCode != 0 || svg.IndexOf("<svg", StringComparison.Ordinal) is var at && at < 0)
            {
                var why = $"Graphviz's dot failed (exit {process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()}";
                logger.LogWarning("FlowDiagramFailed {Reason}", why);
                return new Drawing(null, why);
            }

            // Inline SVG: drop the XML prolog and doctype.
            return new Drawing(svg[at..], null);
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or OperationCanceledException or IOException)
        {
            var why = $"The call-flow diagram needs Graphviz ('{dot}' could not run: {exception.Message}). scripts/setup installs it.";
            logger.LogWarning("FlowDiagramFailed {Reason}", why);
            return new Drawing(null, why);
        }
    }

    [GeneratedRegex("""<g id="(?:node|edge)\d+" class="(?<kind>node|edge)">\s*<title>(?<title>[^<]*)</title>""")]
    private static partial Regex Element();

    /// <summary>The SVG markup, or <see cref="Problem"/> saying why there is none.</summary>
    public sealed record Drawing(string? Svg, string? Problem);
}
