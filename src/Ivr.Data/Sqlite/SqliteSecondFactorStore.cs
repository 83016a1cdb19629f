using Dapper;
using Ivr.Domain.Accounts;

namespace Ivr.Data;

/// <summary>Second factors and the per-role requirement in SQLite; authenticator secrets encrypted with the patient-data key.</summary>
public sealed class SqliteSecondFactorStore(Database database, PhiProtector protector) : ISecondFactorStore
{

    public async Task<SecondFactorPolicy> GetPolicyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var roles = await connection.QueryAsync<string>(new CommandDefinition("SELECT role FROM second_factor_roles WHERE required = 1", cancellationToken: cancellationToken));
        var required = new HashSet<PortalRole>();
        foreach (var name in roles)
        {
            if (PortalRoles.TryParse(name, out var role))
            {
                required.Add(role);
            }
        }

        return new SecondFactorPolicy(required);
    }

    public async Task SetRequiredAsync(PortalRole role, bool required, string changedBy, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO second_factor_roles (role, required, changed_by, changed_at) VALUES (@role, @required, @changedBy, @at)
            ON CONFLICT (role) DO UPDATE SET required = excluded.required, changed_by = excluded.changed_by, changed_at = excluded.changed_at
            """,
            new { role = PortalRoles.Name(role), required = required ? 1 : 0, changedBy, at = Time.Write(now) },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> HasFactorAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM user_totp WHERE user_id = @userId) OR EXISTS (SELECT 1 FROM user_passkeys WHERE user_id = @userId)",
            new { userId },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<string?> GetTotpSecretAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT secret_enc FROM user_totp WHERE user_id = @userId", new { userId }, cancellationToken: cancellationToken));
        return protector.Unprotect(stored, "user_totp", "secret", Row(userId));
    }

    public async Task SetTotpAsync(long userId, string secret, long confirmedStep, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO user_totp (user_id, secret_enc, last_step, confirmed_at) VALUES (@userId, @secret, @confirmedStep, @at)
            ON CONFLICT (user_id) DO UPDATE SET secret_enc = excluded.secret_enc, last_step = excluded.last_step, confirmed_at = excluded.confirmed_at
            """,
            new { userId, secret = protector.Protect(secret, "user_totp", "secret", Row(userId)), confirmedStep, at = Time.Write(now) },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> TryUseTotpStepAsync(long userId, long step, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE user_totp SET last_step = @step WHERE user_id = @userId AND last_step < @step",
            new { userId, step },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task RemoveTotpAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM user_totp WHERE user_id = @userId", new { userId }, cancellationToken: cancellationToken));
    }

    public async Task ReplaceRecoveryCodesAsync(long userId, IReadOnlyList<string> hashes, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        // Two regenerations at once leave one set of codes, never both.
        await database.SerializeAsync(connection, transaction, "user_recovery_codes", cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM user_recovery_codes WHERE user_id = @userId", new { userId }, transaction, cancellationToken: cancellationToken));
        foreach (var hash in hashes)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO user_recovery_codes (user_id, code_hash, created_at) VALUES (@userId, @hash, @at)",
                new { userId, hash, at = Time.Write(now) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> TryUseRecoveryCodeAsync(long userId, string hash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE user_recovery_codes SET used_at = @at WHERE user_id = @userId AND code_hash = @hash AND used_at IS NULL",
            new { userId, hash, at = Time.Write(now) },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<int> UnusedRecoveryCodesAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = @userId AND used_at IS NULL", new { userId }, cancellationToken: cancellationToken));
    }

    public async Task AddPasskeyAsync(PasskeyCredential passkey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO user_passkeys (credential_id, user_id, public_key, sign_count, name, created_at)
            VALUES (@CredentialId, @UserId, @PublicKey, @SignCount, @Name, @CreatedAt)
            """,
            new { passkey.CredentialId, passkey.UserId, passkey.PublicKey, SignCount = (long)passkey.SignCount, passkey.Name, CreatedAt = Time.Write(passkey.CreatedAt) },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<PasskeyCredential>> ListPasskeysAsync(long userId, CancellationToken cancellationToken = default) =>
        await QueryPasskeysAsync("WHERE user_id = @userId ORDER BY created_at", new { userId }, cancellationToken);

    public async Task<PasskeyCredential?> FindPasskeyAsync(byte[] credentialId, CancellationToken cancellationToken = default) =>
        (await QueryPasskeysAsync("WHERE credential_id = @credentialId", new { credentialId }, cancellationToken)).FirstOrDefault();

    public async Task UpdatePasskeyUseAsync(byte[] credentialId, uint signCount, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE user_passkeys SET sign_count = @signCount, last_used_at = @at WHERE credential_id = @credentialId",
            new { credentialId, signCount = (long)signCount, at = Time.Write(now) },
            cancellationToken: cancellationToken));
    }

    public async Task RemoveAllAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM user_totp WHERE user_id = @userId; DELETE FROM user_passkeys WHERE user_id = @userId; DELETE FROM user_recovery_codes WHERE user_id = @userId;",
            new { userId },
            cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<PasskeyCredential>> QueryPasskeysAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PasskeyRow>(new CommandDefinition(
            $"SELECT credential_id, user_id, public_key, sign_count, name, created_at, last_used_at FROM user_passkeys {where}", parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new PasskeyCredential
        {
            CredentialId = r.credential_id,
            UserId = r.user_id,
            PublicKey = r.public_key,
            SignCount = (uint)r.sign_count,
            Name = r.name,
            CreatedAt = Time.Read(r.created_at),
            LastUsedAt = Time.ReadNullable(r.last_used_at),
        }).ToArray();
    }

    private sealed record PasskeyRow(byte[] credential_id, long user_id, byte[] public_key, long sign_count, string name, string created_at, string? last_used_at);

    private static string Row(long userId) => userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
