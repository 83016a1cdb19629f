using Dapper;
using Ivr.Domain.Calls;

namespace Ivr.Data;

/// <summary>Call records, timelines and bridge legs in SQLite; the caller id is encrypted.</summary>
public sealed class SqliteCallRecordStore(Database database, PhiProtector protector) : ICallRecordStore
{
    private const string CallColumns = "id, unique_id, practice_id, dialed_number, caller_id_enc, started_at, answered_at, ended_at, outcome, outcome_detail, billable_seconds, coverage_mode, route_reason";

    public async Task<long> StartAsync(CallRecord record, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO calls (unique_id, practice_id, dialed_number, caller_id_enc, started_at, coverage_mode, route_reason)
            VALUES (@UniqueId, @PracticeId, @DialedNumber, @CallerId, @StartedAt, @CoverageMode, @RouteReason)
            ON CONFLICT (unique_id) DO UPDATE SET practice_id = excluded.practice_id
            RETURNING id
            """,
            new { record.UniqueId, record.PracticeId, record.DialedNumber, CallerId = protector.Protect(record.CallerId, "calls", "caller_id", record.UniqueId), StartedAt = Time.Write(record.StartedAt), record.CoverageMode, record.RouteReason },
            cancellationToken: cancellationToken));
    }

    public async Task MarkAnsweredAsync(long callId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE calls SET answered_at = COALESCE(answered_at, @at) WHERE id = @callId", new { callId, at = Time.Write(at) }, cancellationToken: cancellationToken));
    }

    public async Task AppendEventAsync(long callId, CallEvent callEvent, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO call_events (call_id, at, kind, name, detail) VALUES (@callId, @at, @Kind, @Name, @Detail)",
            new { callId, at = Time.Write(callEvent.At), callEvent.Kind, callEvent.Name, callEvent.Detail },
            cancellationToken: cancellationToken));
    }

    public async Task AddLegAsync(long callId, BridgeLeg leg, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO bridge_legs (call_id, attempt, clinician_id, started_at, ended_at, result, detail) VALUES (@callId, @Attempt, @ClinicianId, @started, @ended, @Result, @Detail)",
            new { callId, leg.Attempt, leg.ClinicianId, started = Time.Write(leg.StartedAt), ended = Time.Write(leg.EndedAt), leg.Result, leg.Detail },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Closes the record. Billable seconds run from answer to end, rounded up to the next whole
    /// second (0 when never answered); per-minute billing rounds those up again per the contract.
    /// </summary>
    public async Task CompleteAsync(long callId, DateTimeOffset endedAt, string outcome, string outcomeDetail, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var answered = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT answered_at FROM calls WHERE id = @callId", new { callId }, cancellationToken: cancellationToken));
        var billable = answered is null ? 0 : BillableSeconds(Time.Read(answered), endedAt);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE calls SET ended_at = @ended, outcome = @outcome, outcome_detail = @outcomeDetail, billable_seconds = @billable WHERE id = @callId",
            new { callId, ended = Time.Write(endedAt), outcome, outcomeDetail, billable },
            cancellationToken: cancellationToken));
    }

    public static int BillableSeconds(DateTimeOffset answeredAt, DateTimeOffset endedAt) =>
        endedAt <= answeredAt ? 0 : (int)Math.Ceiling((endedAt - answeredAt).TotalSeconds);

    public async Task<CallRecord?> GetAsync(long callId, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {CallColumns} FROM calls WHERE id = @callId", new { callId }, cancellationToken)).FirstOrDefault();

    public async Task<CallRecord?> FindByUniqueIdAsync(string uniqueId, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {CallColumns} FROM calls WHERE unique_id = @uniqueId", new { uniqueId }, cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<CallRecord>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {CallColumns} FROM calls ORDER BY id DESC LIMIT @limit", new { limit }, cancellationToken);

    public async Task<IReadOnlyList<CallRecord>> SearchAsync(CallQuery query, CancellationToken cancellationToken = default) =>
        await QueryAsync(
            $"""
            SELECT {CallColumns} FROM calls
            WHERE (@PracticeId IS NULL OR practice_id = @PracticeId)
              AND (@From IS NULL OR started_at >= @From)
              AND (@Until IS NULL OR started_at < @Until)
              AND (@Outcome IS NULL OR outcome = @Outcome)
            ORDER BY started_at DESC, id DESC
            LIMIT @Limit
            """,
            new { query.PracticeId, From = Time.Write(query.From), Until = Time.Write(query.Until), query.Outcome, query.Limit },
            cancellationToken);

    public async Task<IReadOnlyList<CallEvent>> EventsAsync(long callId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string At, string Kind, string Name, string Detail)>(new CommandDefinition(
            "SELECT at, kind, name, detail FROM call_events WHERE call_id = @callId ORDER BY id", new { callId }, cancellationToken: cancellationToken));
        return rows.Select(r => new CallEvent(Time.Read(r.At), r.Kind, r.Name, r.Detail)).ToArray();
    }

    public async Task<IReadOnlyList<BridgeLeg>> LegsAsync(long callId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Attempt, string ClinicianId, string StartedAt, string EndedAt, string Result, string Detail)>(new CommandDefinition(
            "SELECT attempt, clinician_id, started_at, ended_at, result, detail FROM bridge_legs WHERE call_id = @callId ORDER BY attempt, id", new { callId }, cancellationToken: cancellationToken));
        return rows.Select(r => new BridgeLeg((int)r.Attempt, r.ClinicianId, Time.Read(r.StartedAt), Time.Read(r.EndedAt), r.Result, r.Detail)).ToArray();
    }

    private async Task<IReadOnlyList<CallRecord>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CallRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new CallRecord
        {
            Id = r.id,
            UniqueId = r.unique_id,
            PracticeId = r.practice_id,
            DialedNumber = r.dialed_number,
            CallerId = protector.Unprotect(r.caller_id_enc, "calls", "caller_id", r.unique_id),
            StartedAt = Time.Read(r.started_at),
            AnsweredAt = Time.ReadNullable(r.answered_at),
            EndedAt = Time.ReadNullable(r.ended_at),
            Outcome = r.outcome,
            OutcomeDetail = r.outcome_detail,
            BillableSeconds = (int)r.billable_seconds,
            CoverageMode = r.coverage_mode,
            RouteReason = r.route_reason,
        }).ToArray();
    }

    private sealed record CallRow(long id, string unique_id, string practice_id, string dialed_number, string? caller_id_enc, string started_at, string? answered_at, string? ended_at, string? outcome, string? outcome_detail, long billable_seconds, string? coverage_mode, string? route_reason);
}
