using Dapper;
using Ivr.Domain.Triage;

namespace Ivr.Data;

/// <summary>
/// The triage report's reads: the kept triages' readable columns, their call's first ring, the desk's answer by the
/// nurse who triaged and their message's first acknowledgement. No encrypted column is touched (not the pathway, not
/// the caller's number), so no patient data can leave here.
/// </summary>
public sealed class SqliteTriageReportStore(Database database) : ITriageReportStore
{
    public async Task<IReadOnlyList<TriageReportRow>> TriagesAsync(string? practiceId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT t.id, t.practice_id, t.nurse, t.computed, t.final, t.override_direction, t.needs_review, t.reviewed_at,
                   c.started_at AS call_started_at,
                   (SELECT d.answered_at FROM desk_calls d WHERE d.call_record_id = t.call_record_id AND d.operator_name = t.nurse) AS desk_answered_at,
                   t.started_at, t.completed_at,
                   m.id AS message_id, m.received_at AS message_received_at,
                   (SELECT MIN(h.at) FROM message_history h WHERE h.message_id = m.id AND h.status = 'Acknowledged') AS acknowledged_at
            FROM triage_records t
            JOIN calls c ON c.id = t.call_record_id
            LEFT JOIN messages m ON m.id = t.message_id
            WHERE (@practiceId IS NULL OR t.practice_id = @practiceId) AND t.completed_at >= @from AND t.completed_at < @until
            ORDER BY t.completed_at, t.id
            """,
            new { practiceId, from = Time.Write(from), until = Time.Write(until) },
            cancellationToken: cancellationToken));
        return [.. rows.Select(Read)];
    }

    private static TriageReportRow Read(Row r) => new(
        r.id,
        r.practice_id,
        r.nurse,
        Dispositions.TryParse(r.computed, out var computed) ? computed.Value : throw new DataException($"triage record {r.id} has an unknown computed disposition"),
        Dispositions.TryParse(r.final, out var final) ? final : null,
        r.override_direction is null ? null : Enum.Parse<OverrideDirection>(r.override_direction),
        r.needs_review != 0,
        Time.ReadNullable(r.reviewed_at),
        Time.Read(r.call_started_at),
        Time.ReadNullable(r.desk_answered_at),
        Time.Read(r.started_at),
        Time.Read(r.completed_at),
        r.message_id,
        Time.ReadNullable(r.message_received_at),
        Time.ReadNullable(r.acknowledged_at));

    /// <summary>A row as read; settable properties, since an expression's NULL has no column type for a constructor to match.</summary>
    private sealed class Row
    {
        public long id { get; set; }

        public string practice_id { get; set; } = string.Empty;

        public string nurse { get; set; } = string.Empty;

        public string computed { get; set; } = string.Empty;

        public string? final { get; set; }

        public string? override_direction { get; set; }

        public long needs_review { get; set; }

        public string? reviewed_at { get; set; }

        public string call_started_at { get; set; } = string.Empty;

        public string? desk_answered_at { get; set; }

        public string started_at { get; set; } = string.Empty;

        public string completed_at { get; set; } = string.Empty;

        public long? message_id { get; set; }

        public string? message_received_at { get; set; }

        public string? acknowledged_at { get; set; }
    }
}
