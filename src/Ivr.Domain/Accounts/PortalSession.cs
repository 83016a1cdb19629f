namespace Ivr.Domain.Accounts;

/// <summary>
/// One sign-in, kept on the server: the browser holds only a random token whose hash is
/// <see cref="TokenHash"/>, so a copied cookie is worth nothing once the session is revoked or expired.
/// </summary>
public sealed record PortalSession
{
    public long Id { get; init; }

    /// <summary>SHA-256 of the token the cookie carries (hex); the token itself is never stored.</summary>
    public required string TokenHash { get; init; }

    public required long UserId { get; init; }

    /// <summary>The account's role when the session began: a role change ends the session.</summary>
    public required PortalRole Role { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>The absolute end, however active the user is.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    public string? ClientAddress { get; init; }

    public string? UserAgent { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Why it was revoked (<see cref="SessionEnd"/>).</summary>
    public string? RevokedWhy { get; init; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
