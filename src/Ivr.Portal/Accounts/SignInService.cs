using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Accounts;

/// <summary>
/// Checks a username and password against the stored hash, counts failures and locks the account
/// after <see cref="PortalOptions.MaxFailedSignIns"/> in a row. Every attempt is audited.
/// </summary>
public sealed class SignInService(
    IUserStore users,
    IPasswordHasher<PortalUser> hasher,
    IAuditLog audit,
    IOptions<PortalOptions> options,
    TimeProvider time,
    ILogger<SignInService> logger)
{
    private const int MaxAuditedNameLength = 64;
    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(Decoy, Guid.NewGuid().ToString("N")));

    private static PortalUser Decoy { get; } = new() { Username = "decoy", PasswordHash = string.Empty, Role = PortalRole.TelecomAdmin, CreatedAt = DateTimeOffset.UnixEpoch };

    private LockoutPolicy Policy => new(options.Value.MaxFailedSignIns, options.Value.LockoutDuration);

    public async Task<SignInOutcome> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var name = username.Trim().ToLowerInvariant();
        var user = name.Length is > 0 and <= MaxAuditedNameLength ? await users.FindAsync(name, cancellationToken) : null;
        if (user is null)
        {
            // The same hashing work as for a real account, so the answer's timing does not tell which names exist.
            hasher.VerifyHashedPassword(Decoy, _decoyHash.Value, password);
            await AuditAsync(now, name, "signin.failed", "unknown username", cancellationToken);
            return new SignInOutcome(SignInStatus.Invalid);
        }

        if (user.IsLockedOut(now))
        {
            await AuditAsync(now, user.Username, "signin.locked", $"refused: locked until {user.LockedUntil:u}", cancellationToken);
            return new SignInOutcome(SignInStatus.LockedOut, LockedUntil: user.LockedUntil);
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var after = await users.RecordFailureAsync(user.Id, Policy, now, cancellationToken) ?? user;
            if (after.IsLockedOut(now))
            {
                logger.LogWarning("Portal account {Username} locked after {Failures} wrong passwords, until {LockedUntil:u}", user.Username, after.FailedCount, after.LockedUntil);
                await AuditAsync(now, user.Username, "signin.lockout", $"{after.FailedCount} wrong passwords in a row: locked until {after.LockedUntil:u}", cancellationToken);
                return new SignInOutcome(SignInStatus.LockedOut, LockedUntil: after.LockedUntil);
            }

            await AuditAsync(now, user.Username, "signin.failed", $"wrong password ({after.FailedCount} in a row)", cancellationToken);
            return new SignInOutcome(SignInStatus.Invalid);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.SetPasswordHashAsync(user.Id, hasher.HashPassword(user, password), cancellationToken);
        }

        if (user.FailedCount > 0 || user.LockedUntil is not null)
        {
            await users.ClearFailuresAsync(user.Id, cancellationToken);
        }

        await AuditAsync(now, user.Username, "signin", "signed in", cancellationToken);
        return new SignInOutcome(SignInStatus.Success, user with { FailedCount = 0, LockedUntil = null });
    }

    private Task AuditAsync(DateTimeOffset now, string username, string action, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(now, "portal:" + username, action, "user", username.Length > MaxAuditedNameLength ? username[..MaxAuditedNameLength] : username, detail), cancellationToken);
}
