using Dapper;
using Ivr.Domain.Ehr;
using System.Data.Common;

namespace Ivr.Data;

/// <summary>EHR hand-offs in SQLite: claims are single conditional UPDATEs, leases are times in the row, not locks.</summary>
public sealed class SqliteEhrHandoffStore(Database database) : IEhrHandoffStore
{
    private const string Columns = "message_id, practice_id, state, attempts, next_at, level, reference, detail, updated_at";

    public async Task<IReadOnlyList<EhrHandoff>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM ehr_handoffs
            WHERE state = 'Pending' AND next_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            ORDER BY next_at, message_id LIMIT @limit
            """,
            new { now = Time.Write(now), limit },
            cancellationToken: cancellationToken));
        return rows.Select(Read).ToList();
    }

    public async Task<bool> ClaimAsync(long messageId, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE ehr_handoffs SET lease_owner = @owner, lease_until = @leaseUntil
            WHERE message_id = @messageId AND state = 'Pending' AND next_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            """,
            new { messageId, owner, leaseUntil = Time.Write(leaseUntil), now = Time.Write(now) },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> FinishAsync(long messageId, string owner, EhrHandoffState state, EhrResult? result, DateTimeOffset nextAt, DateTimeOffset at, string? historyLine, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var tried = result is null ? 0 : 1;
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE ehr_handoffs SET state = @state, attempts = attempts + @tried, next_at = @nextAt,
                level = COALESCE(@level, level), reference = @reference, detail = @detail, updated_at = @at,
                lease_owner = NULL, lease_until = NULL
            WHERE message_id = @messageId AND lease_owner = @owner AND state = 'Pending'
            """,
            new
            {
                messageId,
                owner,
                state = state.ToString(),
                tried,
                nextAt = Time.Write(nextAt),
                level = result?.Level.ToString(),
                reference = result?.Reference,
                detail = result?.Detail ?? string.Empty,
                at = Time.Write(at),
            },
            transaction,
            cancellationToken: cancellationToken));
        if (updated != 1)
        {
            return false;
        }

        if (historyLine is not null)
        {
            // The history keeps the message's status as it stands: a hand-off changes no lifecycle.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO message_history (message_id, at, status, actor, detail)
                SELECT id, @at, status, @actor, @detail FROM messages WHERE id = @messageId
                """,
                new { messageId, at = Time.Write(at), actor = EhrHandoffs.Actor, detail = historyLine },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<EhrHandoff?> GetAsync(long messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM ehr_handoffs WHERE message_id = @messageId",
            new { messageId },
            cancellationToken: cancellationToken));
        return row is null ? null : Read(row);
    }

    public async Task<IReadOnlyList<EhrHandoff>> UndeliveredAsync(string practiceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM ehr_handoffs
            WHERE practice_id = @practiceId AND (state = 'Refused' OR (state = 'Pending' AND attempts > 0))
            ORDER BY message_id
            """,
            new { practiceId },
            cancellationToken: cancellationToken));
        return rows.Select(Read).ToList();
    }

    private static EhrHandoff Read(Row r) => new(
        r.message_id,
        r.practice_id,
        Enum.Parse<EhrHandoffState>(r.state),
        (int)r.attempts,
        Time.Read(r.next_at),
        r.level is null ? null : Enum.Parse<EhrLevel>(r.level),
        r.reference,
        r.detail,
        Time.ReadNullable(r.updated_at));

    private sealed record Row(long message_id, string practice_id, string state, long attempts, string next_at, string? level, string? reference, string detail, string? updated_at);
}
