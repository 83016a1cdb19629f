using Dapper;
using Ivr.Domain.Accounts;
using System.Data.Common;

namespace Ivr.Data;

/// <summary>Portal accounts in SQLite.</summary>
public sealed class SqliteUserStore(Database database) : IUserStore
{
    private const string Columns = "id, username, password_hash, role, practice_id, clinician_id, failed_count, locked_until, created_at, disabled_at, removed_at";

    public async Task<long> AddAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO users (username, password_hash, role, practice_id, clinician_id, created_at)
                VALUES (@Username, @PasswordHash, @Role, @PracticeId, @ClinicianId, @CreatedAt)
                RETURNING id
                """,
                new
                {
                    Username = Normalize(user.Username),
                    user.PasswordHash,
                    Role = PortalRoles.Name(user.Role),
                    user.PracticeId,
                    user.ClinicianId,
                    CreatedAt = Time.Write(user.CreatedAt),
                },
                cancellationToken: cancellationToken));
        }
        catch (Exception exception) when (database.IsUniqueViolation(exception))
        {
            throw new UserExistsException(Normalize(user.Username));
        }
    }

    public async Task<PortalUser?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {Columns} FROM users WHERE id = @id", new { id }, cancellationToken)).FirstOrDefault();

    public async Task<PortalUser?> FindAsync(string username, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {Columns} FROM users WHERE username = @username", new { username = Normalize(username) }, cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<PortalUser>> ListAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM users ORDER BY username", new { }, cancellationToken);

    public async Task<PortalUser?> RecordFailureAsync(long id, LockoutPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // One write transaction: the count and the delay it sets cannot be split by a parallel guess.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var count = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "UPDATE users SET failed_count = failed_count + 1 WHERE id = @id RETURNING failed_count", new { id }, transaction, cancellationToken: cancellationToken));
        if (count is not { } failures)
        {
            return null;
        }

        var delay = policy.DelayAfter((int)failures);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET locked_until = @until WHERE id = @id",
            new { id, until = delay > TimeSpan.Zero ? Time.Write(now + delay) : null },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task ClearFailuresAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task SetPasswordHashAsync(long id, string passwordHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE users SET password_hash = @passwordHash WHERE id = @id", new { id, passwordHash }, cancellationToken: cancellationToken));
    }

    public async Task SetDisabledAsync(long id, DateTimeOffset? disabledAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE users SET disabled_at = @at WHERE id = @id", new { id, at = Time.Write(disabledAt) }, cancellationToken: cancellationToken));
    }

    public async Task RemoveAsync(long id, DateTimeOffset now, string unusableHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET removed_at = COALESCE(removed_at, @now), disabled_at = COALESCE(disabled_at, @now), password_hash = @unusableHash, failed_count = 0, locked_until = NULL WHERE id = @id",
            new { id, now = Time.Write(now), unusableHash },
            cancellationToken: cancellationToken));
    }

    public async Task SetRoleAsync(long id, PortalRole role, string? practiceId, string? clinicianId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET role = @role, practice_id = @practiceId, clinician_id = @clinicianId WHERE id = @id",
            new { id, role = PortalRoles.Name(role), practiceId, clinicianId },
            cancellationToken: cancellationToken));
    }

    private static string Normalize(string username) => username.Trim().ToLowerInvariant();

    private async Task<IReadOnlyList<PortalUser>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new PortalUser
        {
            Id = r.id,
            Username = r.username,
            PasswordHash = r.password_hash,
            Role = PortalRoles.TryParse(r.role, out var role) ? role : throw new DataException($"User {r.id} has an unknown role '{r.role}'."),
            PracticeId = r.practice_id,
            ClinicianId = r.clinician_id,
            FailedCount = (int)r.failed_count,
            LockedUntil = Time.ReadNullable(r.locked_until),
            CreatedAt = Time.Read(r.created_at),
            DisabledAt = Time.ReadNullable(r.disabled_at),
            RemovedAt = Time.ReadNullable(r.removed_at),
        }).ToArray();
    }

    private sealed record UserRow(long id, string username, string password_hash, string role, string? practice_id, string? clinician_id, long failed_count, string? locked_until, string created_at, string? disabled_at, string? removed_at);
}
