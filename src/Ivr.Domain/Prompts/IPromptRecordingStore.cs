namespace Ivr.Domain.Prompts;

/// <summary>The recordings in use: at most one per owner and prompt; keeping a new one replaces the old, reverting removes it.</summary>
public interface IPromptRecordingStore
{
    /// <summary>Every recording in use (all owners), for the prompt lookup calls use.</summary>
    Task<IReadOnlyList<PromptRecording>> AllAsync(CancellationToken cancellationToken);

    /// <summary>The recordings <paramref name="owner"/> has in use.</summary>
    Task<IReadOnlyList<PromptRecording>> ListAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Puts <paramref name="recording"/> in use for its owner and prompt, replacing any before it.</summary>
    Task KeepAsync(PromptRecording recording, CancellationToken cancellationToken);

    /// <summary>Goes back to the default voice; false when there was no recording.</summary>
    Task<bool> RevertAsync(string owner, string promptId, string by, CancellationToken cancellationToken);
}
