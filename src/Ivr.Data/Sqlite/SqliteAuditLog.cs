using Dapper;
using Ivr.Domain.Audit;

namespace Ivr.Data;

/// <summary>The audit log in SQLite.</summary>
public sealed class SqliteAuditLog(SqliteDatabase database) : IAuditLog
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (at, actor, action, subject_type, subject_id, detail) VALUES (@at, @Actor, @Action, @SubjectType, @SubjectId, @Detail)",
            new { at = Time.Write(entry.At), entry.Actor, entry.Action, entry.SubjectType, entry.SubjectId, entry.Detail },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string At, string Actor, string Action, string SubjectType, string SubjectId, string Detail)>(new CommandDefinition(
            "SELECT at, actor, action, subject_type, subject_id, detail FROM audit_log ORDER BY id DESC LIMIT @limit", new { limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditEntry(Time.Read(r.At), r.Actor, r.Action, r.SubjectType, r.SubjectId, r.Detail)).ToArray();
    }
}
