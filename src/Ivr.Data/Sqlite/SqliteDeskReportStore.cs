using Dapper;
using Ivr.Domain.Desk;

namespace Ivr.Data;

/// <summary>The desk's reports' reads of <see cref="SqliteDeskLog"/>'s facts: ids, names, times and outcomes, no patient data.</summary>
public sealed class SqliteDeskReportStore(Database database) : IDeskReportStore
{
    private const string Columns = "call_record_id, practice_id, priority, queued_at, answered_at, operator_name, left_at, left_how, released_at";

    public async Task<IReadOnlyList<DeskCallFact>> CallsAsync(string? practiceId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CallRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM desk_calls
            WHERE practice_id IS NOT NULL AND (@practiceId IS NULL OR practice_id = @practiceId) AND queued_at >= @from AND queued_at < @until
            ORDER BY queued_at, call_record_id
            """,
            new { practiceId, from = Time.Write(from), until = Time.Write(until) },
            cancellationToken: cancellationToken));
        return rows.Select(Fact).ToList();
    }

    public async Task<IReadOnlyList<DeskCallFact>> HandledAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CallRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM desk_calls
            WHERE practice_id IS NOT NULL AND queued_at IS NOT NULL AND operator_name IS NOT NULL
              AND answered_at < @until AND released_at > @from
            ORDER BY answered_at, call_record_id
            """,
            new { from = Time.Write(from), until = Time.Write(until) },
            cancellationToken: cancellationToken));
        return rows.Select(Fact).ToList();
    }

    public async Task<IReadOnlyList<OperatorStatusChange>> StatusChangesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Operator, string Status, string At)>(new CommandDefinition(
            """
            SELECT s.id, s.operator_name, s.status, s.at FROM desk_operator_status s
            WHERE s.at >= @from AND s.at < @until
               OR s.id = (SELECT b.id FROM desk_operator_status b WHERE b.operator_name = s.operator_name AND b.at < @from ORDER BY b.at DESC, b.id DESC LIMIT 1)
            ORDER BY s.at, s.id
            """,
            new { from = Time.Write(from), until = Time.Write(until) },
            cancellationToken: cancellationToken));
        return rows.Select(r => new OperatorStatusChange(r.Operator, Enum.Parse<OperatorStatus>(r.Status), Time.Read(r.At))).ToList();
    }

    private static DeskCallFact Fact(CallRow r) => new(
        r.call_record_id,
        r.practice_id,
        Enum.TryParse<DeskPriority>(r.priority, out var priority) ? priority : DeskPriority.Routine,
        Time.Read(r.queued_at),
        Time.ReadNullable(r.answered_at),
        r.operator_name,
        Time.ReadNullable(r.left_at),
        r.left_how is null ? null : Enum.Parse<DeskLeave>(r.left_how),
        Time.ReadNullable(r.released_at));

    private sealed record CallRow(
        long call_record_id,
        string practice_id,
        string? priority,
        string queued_at,
        string? answered_at,
        string? operator_name,
        string? left_at,
        string? left_how,
        string? released_at);
}
