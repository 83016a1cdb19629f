using Dapper;
using Ivr.Domain.Accounts;

namespace Ivr.Data;

/// <summary>Portal sessions in SQLite (only the token's hash is stored).</summary>
public sealed class SqliteSessionStore(Database database) : ISessionStore
{
    private const string Columns = "id, token_hash, user_id, role, created_at, last_seen_at, expires_at, client_address, user_agent, revoked_at, revoked_why";

    public async Task<long> AddAsync(PortalSession session, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO sessions (token_hash, user_id, role, created_at, last_seen_at, expires_at, client_address, user_agent)
            VALUES (@TokenHash, @UserId, @Role, @CreatedAt, @LastSeenAt, @ExpiresAt, @ClientAddress, @UserAgent)
            RETURNING id
            """,
            new
            {
                session.TokenHash,
                session.UserId,
                Role = PortalRoles.Name(session.Role),
                CreatedAt = Time.Write(session.CreatedAt),
                LastSeenAt = Time.Write(session.LastSeenAt),
                ExpiresAt = Time.Write(session.ExpiresAt),
                session.ClientAddress,
                session.UserAgent,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<PortalSession?> FindAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {Columns} FROM sessions WHERE token_hash = @tokenHash", new { tokenHash }, cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<PortalSession>> ListActiveAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await QueryAsync(
            $"SELECT {Columns} FROM sessions WHERE user_id = @userId AND revoked_at IS NULL AND expires_at > @now ORDER BY created_at DESC, id DESC",
            new { userId, now = Time.Write(now) },
            cancellationToken);

    public async Task TouchAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE sessions SET last_seen_at = @now WHERE id = @id", new { id, now = Time.Write(now) }, cancellationToken: cancellationToken));
    }

    public async Task<bool> RevokeAsync(long userId, long id, DateTimeOffset now, string why, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET revoked_at = @now, revoked_why = @why WHERE id = @id AND user_id = @userId AND revoked_at IS NULL AND expires_at > @now",
            new { id, userId, now = Time.Write(now), why },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<int> RevokeAllAsync(long userId, DateTimeOffset now, string why, long? exceptId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET revoked_at = @now, revoked_why = @why WHERE user_id = @userId AND revoked_at IS NULL AND expires_at > @now AND (@exceptId IS NULL OR id <> @exceptId)",
            new { userId, now = Time.Write(now), why, exceptId },
            cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<PortalSession>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new PortalSession
        {
            Id = r.id,
            TokenHash = r.token_hash,
            UserId = r.user_id,
            Role = PortalRoles.TryParse(r.role, out var role) ? role : throw new DataException($"Session {r.id} has an unknown role '{r.role}'."),
            CreatedAt = Time.Read(r.created_at),
            LastSeenAt = Time.Read(r.last_seen_at),
            ExpiresAt = Time.Read(r.expires_at),
            ClientAddress = r.client_address,
            UserAgent = r.user_agent,
            RevokedAt = Time.ReadNullable(r.revoked_at),
            RevokedWhy = r.revoked_why,
        }).ToArray();
    }

    private sealed record SessionRow(
        long id, string token_hash, long user_id, string role, string created_at, string last_seen_at, string expires_at,
        string? client_address, string? user_agent, string? revoked_at, string? revoked_why);
}
