using System.Security.Cryptography;
using Dapper;
using Ivr.Domain.Dispatch;

namespace Ivr.Data;

/// <summary>Webhook secrets in SQLite, encrypted and bound to their practice's row.</summary>
public sealed class SqliteWebhookSecretStore(Database database, PhiProtector protector) : IWebhookSecretStore
{
    private const string Table = "webhook_secrets";

    public async Task<IReadOnlyList<string>> SigningSecretsAsync(string practiceId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<SecretRow>(new CommandDefinition(
            "SELECT current_enc, previous_enc, previous_until FROM webhook_secrets WHERE practice_id = @practiceId", new { practiceId }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return [];
        }

        var secrets = new List<string> { protector.Unprotect(row.current_enc, Table, "current", practiceId)! };
        if (row.previous_enc is not null && row.previous_until is not null && Time.Read(row.previous_until) > now)
        {
            secrets.Add(protector.Unprotect(row.previous_enc, Table, "previous", practiceId)!);
        }

        return secrets;
    }

    public async Task<string> RotateAsync(string practiceId, DateTimeOffset now, TimeSpan overlap, CancellationToken cancellationToken = default)
    {
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        await database.SerializeAsync(connection, transaction, "webhook_secrets", cancellationToken);
        var current = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT current_enc FROM webhook_secrets WHERE practice_id = @practiceId", new { practiceId }, transaction, cancellationToken: cancellationToken));
        var previous = current is null ? null : protector.Unprotect(current, Table, "current", practiceId);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_secrets (practice_id, current_enc, previous_enc, previous_until, rotated_at) VALUES (@practiceId, @current, @previous, @until, @at)
            ON CONFLICT (practice_id) DO UPDATE SET current_enc = excluded.current_enc, previous_enc = excluded.previous_enc, previous_until = excluded.previous_until, rotated_at = excluded.rotated_at
            """,
            new
            {
                practiceId,
                current = protector.Protect(secret, Table, "current", practiceId),
                previous = protector.Protect(previous, Table, "previous", practiceId),
                until = previous is null ? null : Time.Write(now + overlap),
                at = Time.Write(now),
            },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return secret;
    }

    private sealed record SecretRow(string current_enc, string? previous_enc, string? previous_until);
}
