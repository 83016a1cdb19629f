using System.Text.RegularExpressions;
using Ivr.Domain.Flow;
using Ivr.Portal.Calls;
using Microsoft.Extensions.Logging.Abstractions;
using Ivr.Server.Hosting;
using Ivr.Telephony.Hosting;

namespace Ivr.Portal.Tests;

/// <summary>Needs Graphviz's dot (scripts/setup installs it): the call-flow diagram the call page shows.</summary>
public sealed class FlowDiagramTests
{
    [Fact]
    public async Task EveryStateOfTheFlowIsDrawnAndACallsStatesAndStepsAreMarked()
    {
        var diagram = new FlowDiagram(new GraphvizLayout("dot"), NullLogger<FlowDiagram>.Instance);

        var drawing = await diagram.DrawAsync(["Greeting", "MainMenu", "SomeoneNowMenu", "ConnectingPhysician", "NoPhysician", "RecordName"]);

        Assert.Null(drawing.Problem);
        var nodes = Titles("node(?: entered)?").Matches(drawing.Svg!).Select(m => m.Groups["title"].Value).ToList();
        var superstates = Titles("cluster").Matches(drawing.Svg!).Select(m => m.Groups["title"].Value["cluster".Length..]);
        Assert.Equal(Enum.GetNames<CallState>().Order(StringComparer.Ordinal), nodes.Concat(superstates).Where(n => n != "init").Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["ConnectingPhysician", "Greeting", "MainMenu", "NoPhysician", "RecordName", "SomeoneNowMenu"], Titles("node entered").Matches(drawing.Svg!).Select(m => m.Groups["title"].Value).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["ConnectingPhysician&#45;&gt;NoPhysician", "Greeting&#45;&gt;MainMenu", "MainMenu&#45;&gt;SomeoneNowMenu", "NoPhysician&#45;&gt;RecordName", "SomeoneNowMenu&#45;&gt;ConnectingPhysician"],
            Titles("edge taken").Matches(drawing.Svg!).Select(m => m.Groups["title"].Value).Order(StringComparer.Ordinal));
        Assert.StartsWith("<svg", drawing.Svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHangupDeclaredOnceOnASuperstateMarksTheSuperstatesEdge()
    {
        var diagram = new FlowDiagram(new GraphvizLayout("dot"), NullLogger<FlowDiagram>.Instance);

        var drawing = await diagram.DrawAsync(["Greeting", "CallerHungUp", "Ended"]);

        Assert.Null(drawing.Problem);
        Assert.Equal(
            ["Answering&#45;&gt;CallerHungUp", "CallerHungUp&#45;&gt;Ended"],
            Titles("edge taken").Matches(drawing.Svg!).Select(m => m.Groups["title"].Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheUnmarkedDiagramIsDrawnOnceAndMarkingACallLeavesItUnmarked()
    {
        var diagram = new FlowDiagram(new GraphvizLayout("dot"), NullLogger<FlowDiagram>.Instance);

        var first = await diagram.DrawAsync();
        await diagram.DrawAsync(["Greeting", "MainMenu"]);
        var again = await diagram.DrawAsync();

        Assert.Same(first.Svg, again.Svg);
        Assert.DoesNotContain("class=\"node entered\"", first.Svg!, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"edge taken\"", first.Svg!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutGraphvizThePageGetsAReasonInsteadOfADiagram()
    {
        var diagram = new FlowDiagram(new GraphvizLayout("/nonexistent/dot"), NullLogger<FlowDiagram>.Instance);

        var drawing = await diagram.DrawAsync(["Greeting"]);

        Assert.Null(drawing.Svg);
        Assert.Contains("Graphviz", drawing.Problem, StringComparison.Ordinal);
        Assert.Contains("scripts/setup", drawing.Problem, StringComparison.Ordinal);
    }

    private static Regex Titles(string classes) => new($"""<g id="[a-z]+\d+" class="{classes}">\s*<title>(?<title>[^<]*)</title>""");
}
