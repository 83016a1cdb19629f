using Ivr.Domain.Flow;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: docs/flows/NAME.mmd is the diagram of the script calls actually run. The test only reads them.</summary>
public sealed class VoiceScriptDiagramTests
{
    public static TheoryData<string> Scripts() => [.. VoiceScripts.Names];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void DocumentedDiagramIsTheScriptsDefinition(string name)
    {
        var path = Path.Combine(RepositoryFiles.Root, "docs", "flows", $"{name}.mmd");
        Assert.True(File.Exists(path), $"docs/flows/{name}.mmd is missing; run scripts/diagrams to write it.");
        Assert.True(
            File.ReadAllText(path) == VoiceScripts.Mermaid(name),
            $"docs/flows/{name}.mmd is not the diagram of the {name} script as it runs; run scripts/diagrams to regenerate it and commit the change.");
    }

    [Fact]
    public void DiagramsAreDrawnByStatelessFromEachScript()
    {
        Assert.Contains("ConnectingPhysician --> NoPhysician : ChainExhausted", VoiceScripts.Mermaid(VoiceScripts.Patient), StringComparison.Ordinal);
        Assert.Contains("\"Menu\" -> \"Joining\"", VoiceScripts.Dot(VoiceScripts.Whisper), StringComparison.Ordinal);
        Assert.Contains("Menu --> CallingPatient : Key2", VoiceScripts.Mermaid(VoiceScripts.Page), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => VoiceScripts.Mermaid("desk"));
    }

    [Fact]
    public void HangupAndFailureAreDeclaredOnceOnEachSuperstateNotOnEveryState()
    {
        var patient = VoiceScripts.Mermaid(VoiceScripts.Patient);
        Assert.Contains("Answering --> CallerHungUp : HungUp", patient, StringComparison.Ordinal);
        Assert.Contains("LeaveMessage --> SavingMessage : HungUp [something was recorded]", patient, StringComparison.Ordinal);
        Assert.Contains("Appointment --> SavingMessage : HungUp [something was said or keyed]", patient, StringComparison.Ordinal);
        Assert.DoesNotContain("Greeting --> CallerHungUp", patient, StringComparison.Ordinal);
        Assert.Equal(4, patient.Split('\n').Count(line => line.EndsWith("--> Failed : Failed", StringComparison.Ordinal)));
    }

    [Fact]
    public void RetryCountsInTheDiagramComeFromTheOptions()
    {
        var described = Stateless.Graph.MermaidGraph.Format(CallFlow.Describe(new CallFlowOptions { MenuAttempts = 5 }));
        Assert.Contains("MainMenu --> MainMenu : NoInput / offer the main menu [offered fewer than 5 times]", described, StringComparison.Ordinal);
        Assert.DoesNotContain("fewer than 3", described, StringComparison.Ordinal);
    }
}
