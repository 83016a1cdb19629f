namespace Ivr.Domain.Accounts;

/// <summary>How long a session may last, and what ends it early.</summary>
/// <param name="Lifetime">The absolute lifetime from sign-in, however active the user is (12 hours by default).</param>
public sealed record SessionPolicy(TimeSpan Lifetime)
{
    public static SessionPolicy Default { get; } = new(TimeSpan.FromHours(12));

    /// <summary>
    /// Null when <paramref name="session"/> may go on serving <paramref name="user"/> at <paramref name="now"/>,
    /// otherwise why not.
    /// </summary>
    public static string? Refusal(PortalSession? session, PortalUser? user, DateTimeOffset now) =>
        session is null ? "unknown session"
        : session.RevokedAt is not null ? "revoked: " + session.RevokedWhy
        : now >= session.ExpiresAt ? "expired"
        : user is null || user.Id != session.UserId ? "no such account"
        : user.IsRemoved ? SessionEnd.Removed
        : user.IsDisabled ? SessionEnd.Disabled
        : user.Role != session.Role ? SessionEnd.RoleChanged
        : null;
}
