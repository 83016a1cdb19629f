namespace Ivr.Portal.Prompts;

/// <summary>An owner's prompts as the page lists them, or why they are not shown.</summary>
/// <param name="Status">Found, denied or not found.</param>
/// <param name="Title">The practice's name, or "Shared prompts".</param>
/// <param name="Rows">Each prompt with its number, words and voice.</param>
public sealed record PromptList(LookupStatus Status, string Title = "", IReadOnlyList<PromptRow>? Rows = null);
