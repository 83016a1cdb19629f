using Ivr.Domain.Prompts;

namespace Ivr.Portal.Prompts;

/// <summary>What came of an upload, keep or revert: a draft or the recording kept, or why not.</summary>
/// <param name="Status">How it went.</param>
/// <param name="Error">What is wrong, in words the user can act on.</param>
/// <param name="Draft">The prepared draft (an upload).</param>
/// <param name="Kept">The recording now in use (a keep).</param>
public sealed record PromptChange(PromptChangeStatus Status, string? Error = null, PromptDraft? Draft = null, PromptRecording? Kept = null)
{
    public static PromptChange Invalid(string error) => new(PromptChangeStatus.Invalid, error);
}

/// <summary>How a change of a prompt went.</summary>
public enum PromptChangeStatus
{
    Done,
    Unchanged,
    Invalid,
    Denied,
    NotFound,
}
