using Ivr.Domain.Prompts;

namespace Ivr.Data;

/// <summary>One keep or revert of a recorded prompt, as the history keeps it.</summary>
/// <param name="Owner">The practice id, or <see cref="PromptRecording.Shared"/>.</param>
/// <param name="PromptId">The prompt.</param>
/// <param name="Action"><c>kept</c> or <c>reverted</c>.</param>
/// <param name="Voice">The voice it went to.</param>
/// <param name="Sound">The sound kept (null for a revert).</param>
/// <param name="Seconds">Its length (null for a revert).</param>
/// <param name="By">Who did it.</param>
/// <param name="At">When.</param>
public sealed record PromptRecordingChange(string Owner, string PromptId, string Action, PromptVoice Voice, string? Sound, double? Seconds, string By, DateTimeOffset At);
