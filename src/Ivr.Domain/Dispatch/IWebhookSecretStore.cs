namespace Ivr.Domain.Dispatch;

/// <summary>
/// Each practice's webhook signing secret, kept encrypted. A rotation makes a new secret current and
/// lets the one it replaced go on signing beside it until an overlap ends, so receivers can switch at leisure.
/// </summary>
public interface IWebhookSecretStore
{
    /// <summary>The secrets that sign a post at <paramref name="now"/>: the current one first, then the previous one while its overlap lasts; empty when the practice has none.</summary>
    Task<IReadOnlyList<string>> SigningSecretsAsync(string practiceId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Makes a new random secret current; the one it replaces (if any) keeps signing until <paramref name="now"/> + <paramref name="overlap"/>. Returns the new secret.</summary>
    Task<string> RotateAsync(string practiceId, DateTimeOffset now, TimeSpan overlap, CancellationToken cancellationToken = default);
}
