namespace Ivr.Domain.Prompts;

/// <summary>The prompt-recording line's PINs: at most one per portal account.</summary>
public interface IPromptPinStore
{
    /// <summary>Every PIN set, for the line to find whose PIN was entered (they are salted, so each is checked).</summary>
    Task<IReadOnlyList<PromptPin>> AllAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets <paramref name="pin"/>'s account's PIN, replacing any before it.</summary>
    Task SetAsync(PromptPin pin, CancellationToken cancellationToken = default);

    /// <summary>Removes an account's PIN; false when it had none.</summary>
    Task<bool> RemoveAsync(long userId, CancellationToken cancellationToken = default);
}
