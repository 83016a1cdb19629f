namespace Ivr.Domain.Accounts;

/// <summary>A passkey (WebAuthn credential) a user registered: the public key only, never a secret.</summary>
public sealed record PasskeyCredential
{
    public required long UserId { get; init; }

    public required byte[] CredentialId { get; init; }

    /// <summary>The credential's public key as the authenticator gave it (COSE).</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>The authenticator's signature counter at the last use; a counter that goes back marks a cloned key.</summary>
    public required uint SignCount { get; init; }

    /// <summary>What the user called it ("office laptop").</summary>
    public required string Name { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }
}
