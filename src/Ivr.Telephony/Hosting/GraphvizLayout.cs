using Ivr.Domain.Flow;

namespace Ivr.Telephony.Hosting;

/// <summary>Lays diagrams out with Graphviz's <c>dot</c> (<paramref name="program"/>) as inline SVG.</summary>
public sealed class GraphvizLayout(string program) : IDiagramLayout
{
    public async Task<DiagramLayout> LayOutAsync(string dot, CancellationToken cancellationToken = default)
    {
        string[] arguments = ["-Tsvg", "-Gfontname=sans-serif", "-Nfontname=sans-serif", "-Efontname=sans-serif", "-Nfontsize=12", "-Efontsize=10", "-Gbgcolor=transparent"];
        try
        {
            var result = await ExternalProgram.RunAsync(program, arguments, dot, TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
            var at = result.Output.IndexOf("<svg", StringComparison.Ordinal);
            return result.ExitCode == 0 && at >= 0
                // Inline SVG: drop the XML prolog and doctype.
                ? new DiagramLayout(result.Output[at..], null)
                : new DiagramLayout(null, $"Graphviz's dot failed (exit {result.ExitCode}): {result.Error.Trim()}");
        }
        catch (ExternalProgramException exception)
        {
            return new DiagramLayout(null, $"The call-flow diagram needs Graphviz ({exception.Message}). scripts/setup installs it.");
        }
    }
}
