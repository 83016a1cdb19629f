using Ivr.Domain.Audit;
using Ivr.Domain.Desk;

namespace Ivr.Domain.Accounts;

/// <summary>
/// The rules of portal sessions and accounts: a session starts after a good sign-in and ends on
/// sign-out, at its absolute end, or when its account is disabled, removed, re-roled or given a new
/// password. Every change here revokes the sessions it must and is audited. An operator's softphone
/// endpoint goes with the account: disabled or re-roled, its password is replaced by one nobody
/// knows (a softphone still open cannot register again); removed, the endpoint is deleted.
/// </summary>
public sealed class PortalAccounts(IUserStore users, ISessionStore sessions, IAuditLog audit, IPhoneEndpointStore phones, TimeProvider time)
{
    /// <summary>Last-seen times are written at most this often per session (a page makes several requests).</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Starts a session for a user who has just proven who they are; returns the token for the cookie.</summary>
    public async Task<(string Token, PortalSession Session)> StartSessionAsync(
        PortalUser user, SessionPolicy policy, string? clientAddress, string? userAgent, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var token = SessionToken.New();
        var session = new PortalSession
        {
            TokenHash = SessionToken.Hash(token),
            UserId = user.Id,
            Role = user.Role,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + policy.Lifetime,
            ClientAddress = clientAddress,
            UserAgent = userAgent is { Length: > 256 } ? userAgent[..256] : userAgent,
        };
        session = session with { Id = await sessions.AddAsync(session, cancellationToken) };
        return (token, session);
    }

    /// <summary>The session and its user when the token may still be used now, otherwise null.</summary>
    public async Task<(PortalSession Session, PortalUser User)?> ValidateAsync(string? token, bool touch, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var session = await sessions.FindAsync(SessionToken.Hash(token), cancellationToken);
        var user = session is null ? null : await users.GetAsync(session.UserId, cancellationToken);
        if (SessionPolicy.Refusal(session, user, now) is not null)
        {
            return null;
        }

        if (touch && now - session!.LastSeenAt >= TouchEvery)
        {
            await sessions.TouchAsync(session.Id, now, cancellationToken);
            session = session with { LastSeenAt = now };
        }

        return (session!, user!);
    }

    /// <summary>Ends the session a user signs out of.</summary>
    public Task SignOutAsync(long userId, long sessionId, CancellationToken cancellationToken = default) =>
        sessions.RevokeAsync(userId, sessionId, time.GetUtcNow(), SessionEnd.SignedOut, cancellationToken);

    public Task<IReadOnlyList<PortalSession>> ActiveSessionsAsync(long userId, CancellationToken cancellationToken = default) =>
        sessions.ListActiveAsync(userId, time.GetUtcNow(), cancellationToken);

    /// <summary>Ends every session of <paramref name="user"/> ("sign out everywhere", or a supervisor's revocation).</summary>
    public async Task<int> RevokeAllAsync(PortalUser user, string actor, string why, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var count = await sessions.RevokeAllAsync(user.Id, now, why, cancellationToken: cancellationToken);
        await AuditAsync(now, actor, "session.revoke", user, $"{count} session(s): {why}", cancellationToken);
        return count;
    }

    /// <summary>Ends one session of <paramref name="user"/>; false when it is not one of theirs or already over.</summary>
    public async Task<bool> RevokeAsync(PortalUser user, long sessionId, string actor, string why, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var revoked = await sessions.RevokeAsync(user.Id, sessionId, now, why, cancellationToken);
        if (revoked)
        {
            await AuditAsync(now, actor, "session.revoke", user, $"session #{sessionId}: {why}", cancellationToken);
        }

        return revoked;
    }

    /// <summary>A new password (already hashed): every other session of the user ends; <paramref name="keepSessionId"/> (the one that changed it) goes on.</summary>
    public async Task ChangePasswordAsync(PortalUser user, string passwordHash, string actor, long? keepSessionId = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await users.SetPasswordHashAsync(user.Id, passwordHash, cancellationToken);
        await users.ClearFailuresAsync(user.Id, cancellationToken);
        var count = await sessions.RevokeAllAsync(user.Id, now, SessionEnd.PasswordChanged, keepSessionId, cancellationToken);
        await AuditAsync(now, actor, "user.password", user, $"password set; {count} other session(s) ended", cancellationToken);
    }

    public async Task DisableAsync(PortalUser user, string actor, CancellationToken cancellationToken = default)
    {
        if (user.IsRemoved)
        {
            throw new InvalidOperationException($"{user.Username} was removed.");
        }

        var now = time.GetUtcNow();
        await users.SetDisabledAsync(user.Id, user.DisabledAt ?? now, cancellationToken);
        var count = await sessions.RevokeAllAsync(user.Id, now, SessionEnd.Disabled, cancellationToken: cancellationToken);
        await LockSoftphoneAsync(user, cancellationToken);
        await AuditAsync(now, actor, "user.disable", user, $"disabled; {count} session(s) ended", cancellationToken);
    }

    /// <summary>Lets a disabled account sign in again (a removed one stays removed).</summary>
    public async Task EnableAsync(PortalUser user, string actor, CancellationToken cancellationToken = default)
    {
        if (user.IsRemoved)
        {
            throw new InvalidOperationException($"{user.Username} was removed; make a new account instead.");
        }

        var now = time.GetUtcNow();
        await users.SetDisabledAsync(user.Id, null, cancellationToken);
        await users.ClearFailuresAsync(user.Id, cancellationToken);
        await AuditAsync(now, actor, "user.enable", user, "enabled", cancellationToken);
    }

    /// <summary>
    /// Removes an account for good. The row stays, with its name, so that the audit history keeps
    /// naming one person and the name cannot be given to someone else; the password is wiped.
    /// </summary>
    public async Task RemoveAsync(PortalUser user, string unusableHash, string actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await users.RemoveAsync(user.Id, now, unusableHash, cancellationToken);
        var count = await sessions.RevokeAllAsync(user.Id, now, SessionEnd.Removed, cancellationToken: cancellationToken);
        if (user.Role is PortalRole.Operator or PortalRole.Nurse && OperatorEndpoint.Problem(user.Username) is null)
        {
            await phones.RemoveAsync(OperatorEndpoint.Name(user.Username), cancellationToken);
        }

        await AuditAsync(now, actor, "user.remove", user, $"removed; {count} session(s) ended", cancellationToken);
    }

    /// <summary>A new role (and place): the user's sessions end, they sign in again with the new rights.</summary>
    public async Task ChangeRoleAsync(PortalUser user, PortalRole role, string? practiceId, string? clinicianId, string actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await users.SetRoleAsync(user.Id, role, practiceId, clinicianId, cancellationToken);
        var count = await sessions.RevokeAllAsync(user.Id, now, SessionEnd.RoleChanged, cancellationToken: cancellationToken);
        await LockSoftphoneAsync(user, cancellationToken);
        await AuditAsync(now, actor, "user.role", user, $"{PortalRoles.Name(user.Role)} -> {PortalRoles.Name(role)}{(practiceId is null ? string.Empty : " of " + practiceId)}; {count} session(s) ended", cancellationToken);
    }

    /// <summary>An operator's softphone (if they have one) gets a password nobody knows.</summary>
    private async Task LockSoftphoneAsync(PortalUser user, CancellationToken cancellationToken)
    {
        if (user.Role is PortalRole.Operator or PortalRole.Nurse && OperatorEndpoint.Problem(user.Username) is null)
        {
            await phones.SetPasswordAsync(OperatorEndpoint.Name(user.Username), OperatorEndpoint.NewPassword(), cancellationToken);
        }
    }

    private Task AuditAsync(DateTimeOffset now, string actor, string action, PortalUser user, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(now, actor, action, "user", user.Username, detail), cancellationToken);
}
