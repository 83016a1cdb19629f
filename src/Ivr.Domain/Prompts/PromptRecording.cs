namespace Ivr.Domain.Prompts;

/// <summary>
/// A recording that replaces a prompt: for one practice (<see cref="Owner"/> its id), or for every practice
/// (<see cref="Owner"/> <see cref="Shared"/>). A practice's greeting is the prompt id <see cref="Greeting"/>, whatever
/// id its typed greeting was rendered to. Recordings are staff voices, not patient data.
/// </summary>
/// <param name="Owner">The practice id, or <see cref="Shared"/> for the answering service's own prompts.</param>
/// <param name="PromptId">The prompt of <c>prompts/manifest.txt</c> it replaces (or <see cref="Greeting"/>).</param>
/// <param name="Voice">Uploaded or recorded by telephone.</param>
/// <param name="Sound">The sound Asterisk plays, as <c>ivr/…</c> without the extension (telephone-format WAV, loudness-normalised, trimmed).</param>
/// <param name="Seconds">How long it plays.</param>
/// <param name="KeptBy">Who kept it (a portal user name, or "telephone:" and the PIN's owner).</param>
/// <param name="KeptAt">When it was kept.</param>
public sealed record PromptRecording(string Owner, string PromptId, PromptVoice Voice, string Sound, double Seconds, string KeptBy, DateTimeOffset KeptAt)
{
    /// <summary>The owner of the answering service's shared prompts.</summary>
    public const string Shared = "*";

    /// <summary>The prompt id that stands for a practice's greeting.</summary>
    public const string Greeting = "greeting";
}
