namespace Ivr.Domain.Accounts;

/// <summary>Where second factors and the per-role requirement are kept. Secrets are stored encrypted.</summary>
public interface ISecondFactorStore
{
    Task<SecondFactorPolicy> GetPolicyAsync(CancellationToken cancellationToken = default);

    Task SetRequiredAsync(PortalRole role, bool required, string changedBy, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>True when the user has a confirmed authenticator app or at least one passkey.</summary>
    Task<bool> HasFactorAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>The user's authenticator secret (base32) once confirmed; null when they have none.</summary>
    Task<string?> GetTotpSecretAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>Saves a confirmed authenticator secret with the step of the code that confirmed it (so that code is used up).</summary>
    Task SetTotpAsync(long userId, string secret, long confirmedStep, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the time step of an accepted code as used, in one statement: true only when it is later
    /// than every step used before, so a code (or an earlier one) is never accepted twice.
    /// </summary>
    Task<bool> TryUseTotpStepAsync(long userId, long step, CancellationToken cancellationToken = default);

    Task RemoveTotpAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the user's recovery codes with these hashes (all unused).</summary>
    Task ReplaceRecoveryCodesAsync(long userId, IReadOnlyList<string> hashes, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Uses up the unused recovery code with this hash; false when there is none.</summary>
    Task<bool> TryUseRecoveryCodeAsync(long userId, string hash, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<int> UnusedRecoveryCodesAsync(long userId, CancellationToken cancellationToken = default);

    Task AddPasskeyAsync(PasskeyCredential passkey, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PasskeyCredential>> ListPasskeysAsync(long userId, CancellationToken cancellationToken = default);

    Task<PasskeyCredential?> FindPasskeyAsync(byte[] credentialId, CancellationToken cancellationToken = default);

    /// <summary>Forgets every factor and recovery code of the user (a lost phone and lost codes); they enrol again at the next sign-in.</summary>
    Task RemoveAllAsync(long userId, CancellationToken cancellationToken = default);

    Task UpdatePasskeyUseAsync(byte[] credentialId, uint signCount, DateTimeOffset now, CancellationToken cancellationToken = default);
}
