using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Accounts;

/// <summary>
/// Checks a username and password against the stored hash. After
/// <see cref="PortalOptions.MaxFailedSignIns"/> wrong passwords in a row each further try must wait
/// (<see cref="LockoutPolicy"/>); a try inside the wait is refused unchecked. An unknown name, a
/// disabled account, a try inside the wait and a wrong password get the same answer after the same
/// work (one PBKDF2 check). Every attempt is audited.
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

    private LockoutPolicy Policy => new(options.Value.MaxFailedSignIns, options.Value.MaxSignInDelay);

    /// <summary>A hash no password matches (a removed account's), made with the same cost as real ones.</summary>
    public string UnusableHash() => hasher.HashPassword(Decoy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

    public async Task<SignInOutcome> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var name = username.Trim().ToLowerInvariant();
        var user = name.Length is > 0 and <= MaxAuditedNameLength ? await users.FindAsync(name, cancellationToken) : null;
        var refusal = user is null ? "unknown username"
            : user.IsDisabled ? (user.IsRemoved ? "account removed" : "account disabled")
            : user.MustWait(now) ? $"refused unchecked: next try allowed at {user.LockedUntil:u}"
            : null;
        if (refusal is not null)
        {
            // The same hashing work as for a real account, so the answer's timing does not tell these apart.
            hasher.VerifyHashedPassword(Decoy, _decoyHash.Value, password);
            await AuditAsync(now, user?.Username ?? name, "signin.failed", refusal, cancellationToken);
            return new SignInOutcome(SignInStatus.Invalid);
        }

        var verdict = hasher.VerifyHashedPassword(user!, user!.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var after = await users.RecordFailureAsync(user.Id, Policy, now, cancellationToken) ?? user;
            if (after.MustWait(now))
            {
                logger.LogWarning("Portal account {Username}: {Failures} wrong passwords in a row, next try allowed at {NotBefore:u}", user.Username, after.FailedCount, after.LockedUntil);
            }

            await AuditAsync(now, user.Username, "signin.failed", $"wrong password ({after.FailedCount} in a row){(after.MustWait(now) ? $"; next try allowed at {after.LockedUntil:u}" : string.Empty)}", cancellationToken);
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

    /// <summary>True when <paramref name="password"/> is <paramref name="user"/>'s (a password change asks for the old one).</summary>
    public bool Verify(PortalUser user, string password) => hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    public string Hash(PortalUser user, string password) => hasher.HashPassword(user, password);

    private Task AuditAsync(DateTimeOffset now, string username, string action, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(now, "portal:" + username, action, "user", username.Length > MaxAuditedNameLength ? username[..MaxAuditedNameLength] : username, detail), cancellationToken);
}
