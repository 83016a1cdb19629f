using Dapper;
using Ivr.Domain.Desk;

namespace Ivr.Data;

/// <summary>
/// The desk's facts in SQLite (<c>desk_calls</c>, <c>desk_operator_status</c>). Each write fills only
/// its own columns and only while they are empty, so a repeated event changes nothing and events arriving
/// out of order (an answer before its join) still make one whole row.
/// </summary>
public sealed class SqliteDeskLog(Database database) : IDeskLog
{
    public Task QueuedAsync(long callRecordId, string practiceId, DeskPriority priority, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            INSERT INTO desk_calls (call_record_id, practice_id, priority, queued_at) VALUES (@callRecordId, @practiceId, @priority, @at)
            ON CONFLICT (call_record_id) DO UPDATE SET
                practice_id = COALESCE(desk_calls.practice_id, excluded.practice_id),
                priority = COALESCE(desk_calls.priority, excluded.priority),
                queued_at = COALESCE(desk_calls.queued_at, excluded.queued_at)
            """,
            new { callRecordId, practiceId, priority = priority.ToString(), at = Time.Write(at) },
            cancellationToken);

    public Task AnsweredAsync(long callRecordId, string operatorName, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            INSERT INTO desk_calls (call_record_id, answered_at, operator_name) VALUES (@callRecordId, @at, @operatorName)
            ON CONFLICT (call_record_id) DO UPDATE SET
                operator_name = CASE WHEN desk_calls.answered_at IS NULL THEN excluded.operator_name ELSE desk_calls.operator_name END,
                answered_at = COALESCE(desk_calls.answered_at, excluded.answered_at)
            """,
            new { callRecordId, operatorName, at = Time.Write(at) },
            cancellationToken);

    public Task LeftAsync(long callRecordId, DeskLeave how, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            INSERT INTO desk_calls (call_record_id, left_at, left_how) VALUES (@callRecordId, @at, @how)
            ON CONFLICT (call_record_id) DO UPDATE SET
                left_how = CASE WHEN desk_calls.left_at IS NULL THEN excluded.left_how ELSE desk_calls.left_how END,
                left_at = COALESCE(desk_calls.left_at, excluded.left_at)
            """,
            new { callRecordId, how = how.ToString(), at = Time.Write(at) },
            cancellationToken);

    public Task ReleasedAsync(long callRecordId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            INSERT INTO desk_calls (call_record_id, released_at) VALUES (@callRecordId, @at)
            ON CONFLICT (call_record_id) DO UPDATE SET released_at = COALESCE(desk_calls.released_at, excluded.released_at)
            """,
            new { callRecordId, at = Time.Write(at) },
            cancellationToken);

    public Task OperatorStatusAsync(string operatorName, OperatorStatus status, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "INSERT INTO desk_operator_status (operator_name, status, at) VALUES (@operatorName, @status, @at) ON CONFLICT (operator_name, at, status) DO NOTHING",
            new { operatorName, status = status.ToString(), at = Time.Write(at) },
            cancellationToken);

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}
