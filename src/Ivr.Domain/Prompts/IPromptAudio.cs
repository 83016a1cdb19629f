namespace Ivr.Domain.Prompts;

/// <summary>
/// Makes audio someone gave (an upload in any common format, or a telephone recording) into a prompt Asterisk can
/// play: converted to 8 kHz mono 16-bit WAV, loudness-normalised to the one level every prompt has, trimmed of
/// leading and trailing silence. A draft is only heard in previews until it is kept.
/// </summary>
public interface IPromptAudio
{
    /// <summary>Prepares a draft from <paramref name="sourceFile"/> and returns it (its sound is playable and previewable).</summary>
    /// <exception cref="PromptAudioException">The audio cannot be read, is silent, or is too long; nothing was kept.</exception>
    Task<PromptDraft> PrepareAsync(string owner, string promptId, string sourceFile, CancellationToken cancellationToken);

    /// <summary>The WAV bytes of a draft or kept sound, for the portal's preview; null when there is none.</summary>
    Task<byte[]?> ReadAsync(string sound, CancellationToken cancellationToken);

    /// <summary>Keeps a draft: it becomes the owner's recording of the prompt, heard on the next call.</summary>
    Task<PromptRecording> KeepAsync(PromptDraft draft, PromptVoice voice, string keptBy, CancellationToken cancellationToken);
}

/// <summary>A prepared recording not yet in use.</summary>
/// <param name="Owner">The practice id, or <see cref="PromptRecording.Shared"/>.</param>
/// <param name="PromptId">The prompt it would replace.</param>
/// <param name="Sound">Where the draft's audio is, as an Asterisk sound name.</param>
/// <param name="Seconds">How long it plays after trimming.</param>
public sealed record PromptDraft(string Owner, string PromptId, string Sound, double Seconds);

/// <summary>Audio that cannot be made into a prompt; the message says why in words a user can act on.</summary>
public sealed class PromptAudioException : Exception
{
    public PromptAudioException(string message)
        : base(message)
    {
    }

    public PromptAudioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
