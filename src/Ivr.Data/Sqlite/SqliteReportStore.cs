using Dapper;
using Ivr.Domain.Reports;

namespace Ivr.Data;

/// <summary>The monthly reports' reads: no encrypted column is touched, so no patient data can leave here.</summary>
public sealed class SqliteReportStore(Database database) : IReportStore
{
    public async Task<IReadOnlyList<ReportCall>> CallsAsync(string? practiceId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string PracticeId, string StartedAt, long BillableSeconds, string? RouteReason)>(new CommandDefinition(
            """
            SELECT practice_id, started_at, billable_seconds, route_reason FROM calls
            WHERE (@practiceId IS NULL OR practice_id = @practiceId) AND started_at >= @from AND started_at < @until
            """,
            new { practiceId, from = Time.Write(from), until = Time.Write(until) },
            cancellationToken: cancellationToken));
        return rows.Select(r => new ReportCall(r.PracticeId, Time.Read(r.StartedAt), (int)r.BillableSeconds, r.RouteReason)).ToArray();
    }

    /// <summary>The messages callers left: a patched call's summary is the service's note to a clinician, not a message, so it is not counted.</summary>
    public async Task<IReadOnlyList<ReportMessage>> MessagesAsync(string? practiceId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string PracticeId, string ReceivedAt, string? AcknowledgedAt, string? ResolvedAt, long VoiceSteps)>(new CommandDefinition(
            """
            SELECT m.practice_id, m.received_at,
                   (SELECT MIN(h.at) FROM message_history h WHERE h.message_id = m.id AND h.status = 'Acknowledged'),
                   (SELECT MIN(h.at) FROM message_history h WHERE h.message_id = m.id AND h.status = 'Resolved'),
                   (SELECT COUNT(DISTINCT a.step) FROM dispatch_attempts a WHERE a.message_id = m.id AND a.channel = 'voice')
            FROM messages m
            WHERE (@practiceId IS NULL OR m.practice_id = @practiceId) AND m.received_at >= @from AND m.received_at < @until
              AND m.summary_for IS NULL
            """,
            new { practiceId, from = Time.Write(from), until = Time.Write(until) },
            cancellationToken: cancellationToken));
        return rows.Select(r => new ReportMessage(r.PracticeId, Time.Read(r.ReceivedAt), Time.ReadNullable(r.AcknowledgedAt), Time.ReadNullable(r.ResolvedAt), (int)r.VoiceSteps)).ToArray();
    }
}
