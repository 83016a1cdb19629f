using Ivr.Domain.Flow;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: the flow never names a prompt that prompts/manifest.txt does not render.</summary>
public sealed class PromptManifestTests
{
    [Fact]
    public void EveryPromptTheFlowNamesIsInTheManifest()
    {
        var manifest = RepositoryFiles.PromptIds();
        var missing = PromptIds.All.Where(id => !manifest.Contains(id)).ToArray();
        Assert.True(missing.Length == 0, "Prompts missing from prompts/manifest.txt: " + string.Join(", ", missing));
        Assert.Contains(Support.FixedPracticeDirectory.Practice.GreetingPromptId, manifest);
        Assert.True(PromptIds.All.Count >= 20);
    }
}
