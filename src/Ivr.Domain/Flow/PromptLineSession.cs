using Ivr.Domain.Accounts;
using Ivr.Domain.Prompts;

namespace Ivr.Domain.Flow;

/// <summary>Where one call to the prompt-recording line stands: who called, which prompt, the draft not yet kept.</summary>
/// <param name="uniqueId">The call's id in Asterisk, for the recording's draft and the audit.</param>
public sealed class PromptLineSession(string uniqueId)
{
    public string UniqueId { get; } = uniqueId;

    public PromptLineState State { get; set; } = PromptLineState.Incoming;

    /// <summary>How many times the current question has been asked (or a PIN tried).</summary>
    public int Attempts { get; set; }

    /// <summary>The account whose PIN was entered; null until one was.</summary>
    public PortalUser? User { get; set; }

    /// <summary>Whose prompts the caller records: their practice, or <see cref="PromptRecording.Shared"/> for a supervisor.</summary>
    public string? Owner { get; set; }

    /// <summary>The prompt being recorded.</summary>
    public string? PromptId { get; set; }

    /// <summary>The recording made of it, not yet kept.</summary>
    public PromptDraft? Draft { get; set; }

    /// <summary>Every recording kept on this call, in order.</summary>
    public List<PromptRecording> Kept { get; } = [];
}
