using System.Globalization;
using System.Text.Json;
using Dapper;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using System.Data.Common;

namespace Ivr.Data;

/// <summary>
/// Dispatch state in SQLite. Claims are single conditional UPDATEs inside immediate transactions, so
/// two processes sharing the file never both take a step; leases are times in the row, not locks.
/// </summary>
public sealed class SqliteDispatchStore(Database database, PhiProtector protector) : IDispatchStore
{
    private const string Active = nameof(DispatchState.Active);
    private const string Report = nameof(DispatchKind.Report);
    private const string ReportFollowUp = nameof(DispatchKind.ReportFollowUp);
    private const string Summary = nameof(DispatchKind.Summary);

    public async Task<IReadOnlyList<DispatchWork>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DispatchRow>(new CommandDefinition(
            """
            SELECT message_id, practice_id, urgency, kind, state, next_step, next_step_at, escalate_at, chain, policy,
                (SELECT m.summary_for FROM messages m WHERE m.id = message_id) AS recipient,
                (SELECT m.appointment_window FROM messages m WHERE m.id = message_id) AS appointment_window,
                (SELECT m.appointment_source FROM messages m WHERE m.id = message_id) AS appointment_source,
                (SELECT m.appointment_standing FROM messages m WHERE m.id = message_id) AS appointment_standing,
                (SELECT m.appointment_days FROM messages m WHERE m.id = message_id) AS appointment_days,
                (SELECT m.appointment_time FROM messages m WHERE m.id = message_id) AS appointment_time
            FROM dispatches
            WHERE state IN ('New', 'Active') AND next_step_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            ORDER BY next_step_at LIMIT @limit
            """,
            new { now = Time.Write(now), limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => new DispatchWork
        {
            MessageId = r.message_id,
            PracticeId = r.practice_id,
            Urgency = Enum.Parse<Urgency>(r.urgency),
            State = Enum.Parse<DispatchState>(r.state),
            Kind = r.kind is null ? null : Enum.Parse<DispatchKind>(r.kind),
            NextStep = (int)r.next_step,
            NextStepAt = Time.Read(r.next_step_at),
            EscalateAt = Time.ReadNullable(r.escalate_at),
            Chain = r.chain is null ? [] : JsonSerializer.Deserialize<List<OnCallContact>>(r.chain) ?? [],
            Policy = r.policy is null ? EscalationPolicy.Default : JsonSerializer.Deserialize<EscalationPolicy>(r.policy) ?? EscalationPolicy.Default,
            Recipient = r.recipient,
            Appointment = AppointmentColumn.Read(r.appointment_window, r.appointment_source, r.appointment_standing, r.appointment_days, r.appointment_time),
        }).ToList();
    }

    public async Task<bool> PlanEscalationAsync(long messageId, IReadOnlyList<OnCallContact> chain, EscalationPolicy policy, DateTimeOffset firstDue, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            "UPDATE dispatches SET kind = 'Escalation', state = 'Active', next_step = 0, next_step_at = @due, chain = @chain, policy = @policy WHERE message_id = @messageId AND state = 'New'",
            new { messageId, due = Time.Write(firstDue), chain = JsonSerializer.Serialize(chain), policy = JsonSerializer.Serialize(policy) },
            cancellationToken) == 1;

    public async Task<bool> PlanReportAsync(long messageId, DateTimeOffset due, DateTimeOffset escalateAt, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            "UPDATE dispatches SET kind = 'Report', state = 'Active', next_step = 0, next_step_at = @due, escalate_at = @escalateAt WHERE message_id = @messageId AND state = 'New'",
            new { messageId, due = Time.Write(due), escalateAt = Time.Write(escalateAt) },
            cancellationToken) == 1;

    public async Task<bool> PlanSummaryAsync(long messageId, DateTimeOffset due, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            $"UPDATE dispatches SET kind = '{Summary}', state = '{Active}', next_step = 0, next_step_at = @due WHERE message_id = @messageId AND state = 'New'",
            new { messageId, due = Time.Write(due) },
            cancellationToken) == 1;

    public Task CompleteSummaryAsync(long messageId, string owner, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            $"UPDATE dispatches SET state = '{nameof(DispatchState.Stopped)}', lease_owner = NULL, lease_until = NULL WHERE message_id = @messageId AND lease_owner = @owner AND kind = '{Summary}'",
            new { messageId, owner },
            cancellationToken);

    public async Task<bool> ClaimStepAsync(long messageId, int step, DateTimeOffset nextDue, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var claimed = await ClaimAsync(connection, transaction, messageId, step, nextDue, owner, now, leaseUntil, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task<IReadOnlyList<long>> ClaimReportBatchAsync(IReadOnlyList<ReportClaim> rows, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var claimed = new List<long>();
        foreach (var row in rows)
        {
            if (await ClaimAsync(connection, transaction, row.MessageId, row.Step, row.NextDue, owner, now, leaseUntil, cancellationToken))
            {
                claimed.Add(row.MessageId);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    private static async Task<bool> ClaimAsync(DbConnection connection, DbTransaction transaction, long messageId, int step, DateTimeOffset nextDue, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE dispatches SET next_step = @step + 1, next_step_at = @nextDue, lease_owner = @owner, lease_until = @leaseUntil
            WHERE message_id = @messageId AND state = '{Active}' AND next_step = @step AND next_step_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            """,
            new { messageId, step, nextDue = Time.Write(nextDue), owner, leaseUntil = Time.Write(leaseUntil), now = Time.Write(now) },
            transaction,
            cancellationToken: cancellationToken));
        if (claimed == 1)
        {
            // Whoever held the lease before is gone (or past its lease): its open attempts ended with it.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE dispatch_attempts SET ended_at = @now, outcome = 'interrupted', detail = 'the service handling it stopped' WHERE message_id = @messageId AND ended_at IS NULL",
                new { messageId, now = Time.Write(now) },
                transaction,
                cancellationToken: cancellationToken));
        }

        return claimed == 1;
    }

    public Task ReleaseAsync(long messageId, string owner, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE dispatches SET lease_owner = NULL, lease_until = NULL WHERE message_id = @messageId AND lease_owner = @owner", new { messageId, owner }, cancellationToken);

    /// <summary>A row without a deadline (none is written so, but a hand-edited one might be) follows up when the report would have been retried.</summary>
    public Task CompleteReportAsync(long messageId, string owner, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            $"""
            UPDATE dispatches SET kind = '{ReportFollowUp}', next_step = 0, next_step_at = COALESCE(escalate_at, next_step_at), lease_owner = NULL, lease_until = NULL
            WHERE message_id = @messageId AND lease_owner = @owner AND state = '{Active}' AND kind = '{Report}'
            """,
            new { messageId, owner },
            cancellationToken);

    public async Task<DateTimeOffset?> LastReportAsync(string practiceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var at = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT last_sent_at FROM morning_reports WHERE practice_id = @practiceId", new { practiceId }, cancellationToken: cancellationToken));
        return Time.ReadNullable(at);
    }

    public Task NoteReportAsync(string practiceId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            INSERT INTO morning_reports (practice_id, last_sent_at) VALUES (@practiceId, @at)
            ON CONFLICT (practice_id) DO UPDATE SET last_sent_at = excluded.last_sent_at WHERE excluded.last_sent_at > morning_reports.last_sent_at
            """,
            new { practiceId, at = Time.Write(at) },
            cancellationToken);

    public async Task<bool> MoveReportMarkAsync(string practiceId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        var sql = (from, to) switch
        {
            (null, null) => null,
            (null, _) => "INSERT INTO morning_reports (practice_id, last_sent_at) VALUES (@practiceId, @to) ON CONFLICT (practice_id) DO NOTHING",
            (_, null) => "DELETE FROM morning_reports WHERE practice_id = @practiceId AND last_sent_at = @from",
            _ => "UPDATE morning_reports SET last_sent_at = @to WHERE practice_id = @practiceId AND last_sent_at = @from",
        };
        return sql is not null
            && await ExecuteAsync(sql, new { practiceId, from = from is { } f ? Time.Write(f) : null, to = to is { } t ? Time.Write(t) : null }, cancellationToken) == 1;
    }

    public async Task<bool> EscalateRoutineAsync(long messageId, IReadOnlyList<OnCallContact> chain, EscalationPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            $"""
            UPDATE dispatches SET kind = 'Escalation', next_step = 0, next_step_at = @now, chain = @chain, policy = @policy
            WHERE message_id = @messageId AND state = '{Active}' AND kind = '{ReportFollowUp}' AND next_step_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            """,
            new { messageId, now = Time.Write(now), chain = JsonSerializer.Serialize(chain), policy = JsonSerializer.Serialize(policy) },
            cancellationToken) == 1;

    public async Task<long> StartAttemptAsync(long messageId, int step, string channel, string recipient, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO dispatch_attempts (message_id, step, channel, recipient, started_at) VALUES (@messageId, @step, @channel, @recipient, @at) RETURNING id",
            new { messageId, step, channel, recipient, at = Time.Write(at) },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> FinishAttemptAsync(long attemptId, DateTimeOffset at, string outcome, string detail, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            "UPDATE dispatch_attempts SET ended_at = @at, outcome = @outcome, detail = @detail WHERE id = @attemptId AND ended_at IS NULL",
            new { attemptId, at = Time.Write(at), outcome, detail },
            cancellationToken) == 1;

    public async Task<DispatchAttempt?> AttemptAsync(long attemptId, CancellationToken cancellationToken = default) =>
        (await AttemptsWhereAsync("id = @id", new { id = attemptId }, cancellationToken)).FirstOrDefault();

    public Task<IReadOnlyList<DispatchAttempt>> AttemptsAsync(long messageId, CancellationToken cancellationToken = default) =>
        AttemptsWhereAsync("message_id = @id", new { id = messageId }, cancellationToken);

    public async Task<DispatchStanding?> StandingAsync(long messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string State, string? LeaseOwner)>(new CommandDefinition(
            "SELECT state, lease_owner FROM dispatches WHERE message_id = @messageId",
            new { messageId },
            cancellationToken: cancellationToken));
        return row.State is null ? null : new DispatchStanding(Enum.Parse<DispatchState>(row.State), row.LeaseOwner is not null);
    }

    public async Task<MessageLifecycle?> LifecycleAsync(long messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM messages WHERE id = @messageId",
            new { messageId },
            cancellationToken: cancellationToken));
        return status is null ? null : new MessageLifecycle(messageId, Enum.Parse<MessageStatus>(status));
    }

    /// <summary>
    /// Writes the domain's decision, nothing more: the status moves only over the one the lifecycle
    /// was loaded with (a single conditional UPDATE), so of two processes deciding at once one write
    /// finds the row moved and changes nothing.
    /// </summary>
    public async Task<bool> SaveAsync(MessageLifecycle lifecycle, CancellationToken cancellationToken = default)
    {
        if (lifecycle.Changes.Count == 0)
        {
            return true;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET status = @status WHERE id = @messageId AND status = @expected",
            new { messageId = lifecycle.MessageId, status = lifecycle.Status.ToString(), expected = lifecycle.Loaded.ToString() },
            transaction,
            cancellationToken: cancellationToken));
        if (moved != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        foreach (var change in lifecycle.Changes)
        {
            var row = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO message_history (message_id, at, status, actor, detail) VALUES (@messageId, @at, @status, @by, @detail) RETURNING id",
                new { messageId = lifecycle.MessageId, at = Time.Write(change.At), status = change.To.ToString(), by = change.By, detail = change.Detail },
                transaction,
                cancellationToken: cancellationToken));
            if (change.Note is not null)
            {
                // The note is bound to its history row, known only once inserted (same transaction).
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE message_history SET note_enc = @note WHERE id = @row",
                    new { row, note = protector.Protect(change.Note, "message_history", "note", row.ToString(CultureInfo.InvariantCulture)) },
                    transaction,
                    cancellationToken: cancellationToken));
            }
        }

        if (lifecycle.Changes.Any(c => c.StopsDispatch))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE dispatches SET state = '{nameof(DispatchState.Stopped)}' WHERE message_id = @messageId",
                new { messageId = lifecycle.MessageId },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<MessageHistoryEntry>> HistoryAsync(long messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            "SELECT id, at, status, actor, detail, note_enc FROM message_history WHERE message_id = @messageId ORDER BY id",
            new { messageId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new MessageHistoryEntry(
            Time.Read(r.at),
            Enum.Parse<MessageStatus>(r.status),
            r.actor,
            r.detail,
            protector.Unprotect(r.note_enc, "message_history", "note", r.id.ToString(CultureInfo.InvariantCulture)))).ToList();
    }

    private async Task<IReadOnlyList<DispatchAttempt>> AttemptsWhereAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            $"SELECT id, message_id, step, channel, recipient, started_at, ended_at, outcome, detail FROM dispatch_attempts WHERE {where} ORDER BY id",
            parameters,
            cancellationToken: cancellationToken));
        return rows.Select(r => new DispatchAttempt(r.id, r.message_id, (int)r.step, r.channel, r.recipient, Time.Read(r.started_at), Time.ReadNullable(r.ended_at), r.outcome, r.detail)).ToList();
    }

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private sealed record DispatchRow(long message_id, string practice_id, string urgency, string? kind, string state, long next_step, string next_step_at, string? escalate_at, string? chain, string? policy, string? recipient, string? appointment_window, string? appointment_source, string? appointment_standing, long? appointment_days, string? appointment_time);

    private sealed record AttemptRow(long id, long message_id, long step, string channel, string recipient, string started_at, string? ended_at, string outcome, string detail);

    private sealed record HistoryRow(long id, string at, string status, string actor, string detail, string? note_enc);
}
