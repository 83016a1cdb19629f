using Ivr.Domain.Flow;
using Ivr.StateMachine.Graphs;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: docs/call-flow.mmd is the diagram of the flow calls actually run.</summary>
public sealed class CallFlowDiagramTests
{
    [Fact]
    public void DocumentedDiagramMatchesTheFlowDefinition()
    {
        var generated = MermaidGraph.Format(CallFlow.Describe());
        var path = Path.Combine(RepositoryFiles.Root, "docs", "call-flow.mmd");
        if (Environment.GetEnvironmentVariable("IVR_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), "docs/call-flow.mmd is missing; run the tests with IVR_UPDATE_DOCS=1 to write it.");
        Assert.Equal(generated, File.ReadAllText(path));
        Assert.Contains("ConnectingPhysician", generated);
    }
}
