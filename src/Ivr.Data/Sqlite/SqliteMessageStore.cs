using System.Globalization;
using Dapper;
using Ivr.Domain.Messages;
using Microsoft.Data.Sqlite;

namespace Ivr.Data;

/// <summary>Patient messages in SQLite. Callback number, caller id and recording paths are encrypted.</summary>
public sealed class SqliteMessageStore(SqliteDatabase database, PhiProtector protector) : IMessageStore
{
    private const string Columns = "id, call_id, practice_id, urgency, status, callback_number_enc, caller_id_enc, name_recording_enc, message_recording_enc, message_seconds, partial, urgency_reason, received_at";

    /// <summary>
    /// Returns once the message is committed (WAL, synchronous=NORMAL: it survives the process being
    /// killed), together with its dispatch job and first history entry, as the domain made them.
    /// </summary>
    public async Task<long> SaveAsync(ReceivedMessage received, CancellationToken cancellationToken = default)
    {
        var message = received.Message;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            INSERT INTO messages (call_id, practice_id, urgency, status, message_seconds, partial, urgency_reason, received_at)
            VALUES (@CallId, @PracticeId, @Urgency, @Status, @MessageSeconds, @Partial, @UrgencyReason, @ReceivedAt)
            RETURNING id
            """,
            new
            {
                message.CallId,
                message.PracticeId,
                Urgency = message.Urgency.ToString(),
                Status = received.Arrival.To.ToString(),
                message.MessageSeconds,
                Partial = message.Partial ? 1 : 0,
                message.UrgencyReason,
                ReceivedAt = Time.Write(message.ReceivedAt),
            },
            transaction,
            cancellationToken: cancellationToken));
        // The encrypted values are bound to the row's id, known only once it is inserted (same transaction).
        var row = id.ToString(CultureInfo.InvariantCulture);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET callback_number_enc = @Callback, caller_id_enc = @CallerId, name_recording_enc = @Name, message_recording_enc = @Recording WHERE id = @id",
            new
            {
                id,
                Callback = protector.Protect(message.CallbackNumber, "messages", "callback_number", row),
                CallerId = protector.Protect(message.CallerId, "messages", "caller_id", row),
                Name = protector.Protect(message.NameRecording, "messages", "name_recording", row),
                Recording = protector.Protect(message.MessageRecording, "messages", "message_recording", row),
            },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dispatches (message_id, practice_id, urgency, state, next_step_at) VALUES (@id, @PracticeId, @Urgency, @State, @DueAt);
            INSERT INTO message_history (message_id, at, status, actor, detail) VALUES (@id, @At, @Status, @By, @Detail);
            """,
            new
            {
                id,
                message.PracticeId,
                Urgency = message.Urgency.ToString(),
                State = received.Dispatch.State.ToString(),
                DueAt = Time.Write(received.Dispatch.DueAt),
                At = Time.Write(received.Arrival.At),
                Status = received.Arrival.To.ToString(),
                received.Arrival.By,
                received.Arrival.Detail,
            },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<PatientMessage?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {Columns} FROM messages WHERE id = @id", new { id }, cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<PatientMessage>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM messages ORDER BY id DESC LIMIT @limit", new { limit }, cancellationToken);

    public async Task<IReadOnlyList<PatientMessage>> ForCallAsync(long callId, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM messages WHERE call_id = @callId ORDER BY id", new { callId }, cancellationToken);

    public async Task<IReadOnlyList<PatientMessage>> InboxAsync(InboxQuery query, CancellationToken cancellationToken = default) =>
        await QueryAsync(
            $"""
            SELECT {Columns} FROM messages m
            WHERE (@PracticeId IS NULL OR practice_id = @PracticeId)
              AND (@IncludeResolved OR status <> 'Resolved')
              AND (@PagedTo IS NULL OR EXISTS (SELECT 1 FROM dispatch_attempts a WHERE a.message_id = m.id AND a.recipient = @PagedTo))
            ORDER BY urgency = 'Urgent' DESC, received_at DESC, id DESC
            LIMIT @Limit
            """,
            new { query.PracticeId, query.IncludeResolved, query.PagedTo, query.Limit },
            cancellationToken);

    private async Task<IReadOnlyList<PatientMessage>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MessageRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new PatientMessage
        {
            Id = r.id,
            CallId = r.call_id,
            PracticeId = r.practice_id,
            Urgency = Enum.Parse<Urgency>(r.urgency),
            Status = Enum.Parse<MessageStatus>(r.status),
            CallbackNumber = protector.Unprotect(r.callback_number_enc, "messages", "callback_number", r.id.ToString(CultureInfo.InvariantCulture)),
            CallerId = protector.Unprotect(r.caller_id_enc, "messages", "caller_id", r.id.ToString(CultureInfo.InvariantCulture)),
            NameRecording = protector.Unprotect(r.name_recording_enc, "messages", "name_recording", r.id.ToString(CultureInfo.InvariantCulture)),
            MessageRecording = protector.Unprotect(r.message_recording_enc, "messages", "message_recording", r.id.ToString(CultureInfo.InvariantCulture)),
            MessageSeconds = r.message_seconds,
            Partial = r.partial != 0,
            UrgencyReason = r.urgency_reason,
            ReceivedAt = Time.Read(r.received_at),
        }).ToArray();
    }

    private sealed record MessageRow(long id, long call_id, string practice_id, string urgency, string status, string? callback_number_enc, string? caller_id_enc, string? name_recording_enc, string? message_recording_enc, double message_seconds, long partial, string? urgency_reason, string received_at);
}
