using System.Globalization;
using System.Text;
using Dapper;
using Ivr.Domain.Audit;
using System.Data.Common;

namespace Ivr.Data;

/// <summary>
/// The audit log, hash-chained (see <see cref="AuditChain"/>). The service and the command line (and on
/// PostgreSQL several servers) append to the same log: each append takes the writers' lock first (SQLite's
/// BEGIN IMMEDIATE, PostgreSQL's audit_log advisory lock), then reads the last link and inserts the next row
/// under it, so two writers never chain onto the same row.
/// </summary>
public sealed class SqliteAuditLog(Database database, AuditChainKey key, IAuditOrigin? origin = null) : IAuditLog, IAuditTrail
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        await database.SerializeAsync(connection, transaction, "audit_log", cancellationToken);
        var last = await connection.QuerySingleOrDefaultAsync<(long Id, string? Chain)>(new CommandDefinition(
            "SELECT id, chain FROM audit_log ORDER BY id DESC LIMIT 1", transaction: transaction, cancellationToken: cancellationToken));
        var row = new AuditRow
        {
            Id = last.Id + 1,
            At = Time.Write(entry.At),
            Actor = entry.Actor,
            Action = entry.Action,
            SubjectType = entry.SubjectType,
            SubjectId = entry.SubjectId,
            Detail = entry.Detail,
            Session = entry.Session ?? origin?.Session,
            Address = entry.Address ?? origin?.Address,
        };

        // A broken previous link is chained onto as it stands: verify names that row, and refusing to
        // record would lose the record of every access after it.
        var previous = last.Id == 0 ? AuditChain.Genesis : AuditChain.Parse(last.Chain) ?? AuditChain.Genesis;
        await InsertAsync(connection, transaction, row, AuditChain.Text(AuditChain.Link(key, previous, row)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {AuditRow.Columns} FROM audit_log ORDER BY id DESC LIMIT @limit", new { limit }, cancellationToken: cancellationToken));
        return rows.Select(r => Entry(r)).ToArray();
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, int offset, int limit, bool newestFirst = false, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Filter(query);
        parameters.Add("offset", offset);
        parameters.Add("limit", limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {AuditRow.Columns} FROM audit_log{where} ORDER BY id{(newestFirst ? " DESC" : string.Empty)} LIMIT @limit OFFSET @offset", parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditRecord(r.Id, Entry(r), r.Chain)).ToArray();
    }

    public async Task<int> CountAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Filter(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM audit_log{where}", parameters, cancellationToken: cancellationToken));
    }

    internal static Task InsertAsync(DbConnection connection, DbTransaction transaction, AuditRow row, string chain, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (id, at, actor, action, subject_type, subject_id, detail, session, address, chain) VALUES (@Id, @At, @Actor, @Action, @SubjectType, @SubjectId, @Detail, @Session, @Address, @chain)",
            new { row.Id, row.At, row.Actor, row.Action, row.SubjectType, row.SubjectId, row.Detail, row.Session, row.Address, chain },
            transaction,
            cancellationToken: cancellationToken));

    private static AuditEntry Entry(AuditRow row) =>
        new(Time.Read(row.At), row.Actor, row.Action, row.SubjectType, row.SubjectId, row.Detail) { Session = row.Session, Address = row.Address };

    private (string Where, DynamicParameters Parameters) Filter(AuditQuery query)
    {
        var conditions = new List<string>();
        var parameters = new DynamicParameters();
        if (query.From is { } from)
        {
            conditions.Add("at >= @from");
            parameters.Add("from", Time.Write(from));
        }

        if (query.Until is { } until)
        {
            conditions.Add("at < @until");
            parameters.Add("until", Time.Write(until));
        }

        if (!string.IsNullOrEmpty(query.Actor))
        {
            conditions.Add(database.Contains("actor", "@actor"));
            parameters.Add("actor", query.Actor);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            // "message." is every action of the area; anything else is one action.
            conditions.Add(query.Action.EndsWith('.') ? "substr(action, 1, length(@action)) = @action" : "action = @action");
            parameters.Add("action", query.Action);
        }

        if (query.MessageId is { } message)
        {
            conditions.Add("subject_type = 'message' AND subject_id = @message");
            parameters.Add("message", message.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(query.PracticeId))
        {
            // Rows name their practice directly, or through the message, call or override they are about.
            conditions.Add("""
                ((subject_type IN ('practice', 'live', 'report') AND subject_id = @practice)
                 OR (subject_type = 'clinician' AND detail = @practice)
                 OR (subject_type = 'message' AND subject_id IN (SELECT CAST(id AS TEXT) FROM messages WHERE practice_id = @practice))
                 OR (subject_type = 'call' AND subject_id IN (SELECT CAST(id AS TEXT) FROM calls WHERE practice_id = @practice))
                 OR (subject_type = 'override' AND subject_id IN (SELECT CAST(id AS TEXT) FROM oncall_overrides WHERE practice_id = @practice)))
                """);
            parameters.Add("practice", query.PracticeId);
        }

        var where = new StringBuilder();
        for (var i = 0; i < conditions.Count; i++)
        {
            where.Append(i == 0 ? " WHERE " : " AND ").Append(conditions[i]);
        }

        return (where.ToString(), parameters);
    }
}
