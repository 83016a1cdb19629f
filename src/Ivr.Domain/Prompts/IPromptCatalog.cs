namespace Ivr.Domain.Prompts;

/// <summary>The prompts of <c>prompts/manifest.txt</c> in file order, as the portal's prompt list and the recording line number them (<see cref="PromptNumbers"/>).</summary>
public interface IPromptCatalog
{
    /// <summary>Every manifest prompt with its words, in file order; empty when there is no manifest.</summary>
    IReadOnlyList<PromptEntry> Manifest();
}

/// <summary>One prompt of the manifest.</summary>
/// <param name="Id">The prompt id.</param>
/// <param name="Words">The words the default voice speaks.</param>
public sealed record PromptEntry(string Id, string Words);
