using System.Globalization;
using System.Text.Json;
using Dapper;
using Ivr.Domain.Appointments;
using Ivr.Domain.Messages;
using Ivr.Domain.Triage;
using System.Data.Common;

namespace Ivr.Data;

/// <summary>Patient messages in SQLite. Callback number, caller id, recording paths, everything typed at the desk, what a patched call's summary says, and an appointment request's date of birth and booking are encrypted.</summary>
public sealed class SqliteMessageStore(Database database, PhiProtector protector) : IMessageStore
{
    private const string Columns = "id, call_id, practice_id, urgency, status, callback_number_enc, caller_id_enc, name_recording_enc, message_recording_enc, message_seconds, partial, urgency_reason, received_at, typed_by, caller_name_enc, patient_name_enc, date_of_birth_enc, reason_enc, notes_enc, summary_for, summary_by, summary_enc, typed_triage, " + AppointmentColumn.Columns + ", appointment_birth_date_enc, appointment_booked_enc";

    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>
    /// Returns once the message is committed (WAL, synchronous=NORMAL: it survives the process being
    /// killed), together with its dispatch job and first history entry, as the domain made them.
    /// </summary>
    public async Task<long> SaveAsync(ReceivedMessage received, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(received);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var id = await InsertAsync(connection, transaction, received, once: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id!.Value;
    }

    /// <summary>
    /// The insert meets the unique index on typed messages' (or summaries') calls and does nothing when the call has
    /// one already; writers queue on SQLite's one write lock, so of two racing saves the second sees the first's row.
    /// </summary>
    public async Task<(long Id, bool Created)> SaveOnceAsync(ReceivedMessage received, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(received);
        if (received.Message.Typed is null && received.Message.Summary is null)
        {
            throw new ArgumentException("Only a message typed at the desk or a patched call's summary is saved once per call.", nameof(received));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        if (await InsertAsync(connection, transaction, received, once: true, cancellationToken) is { } id)
        {
            await transaction.CommitAsync(cancellationToken);
            return (id, true);
        }

        var first = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT id FROM messages WHERE call_id = @CallId AND {OnceColumn(received.Message)} IS NOT NULL AND (summary_for IS NOT NULL OR typed_triage = @Triage)",
            new { received.Message.CallId, Triage = received.Message.Typed?.IsTriage == true ? 1 : 0 },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.RollbackAsync(cancellationToken);
        return (first, false);
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
              AND (@PagedTo IS NULL OR summary_for = @PagedTo OR EXISTS (SELECT 1 FROM dispatch_attempts a WHERE a.message_id = m.id AND a.recipient = @PagedTo))
              AND (NOT @AppointmentsOnly OR appointment_window IS NOT NULL OR appointment_source IS NOT NULL)
            ORDER BY urgency = 'Urgent' DESC, received_at DESC, id DESC
            LIMIT @Limit
            """,
            new { query.PracticeId, query.IncludeResolved, query.PagedTo, query.Limit, query.AppointmentsOnly },
            cancellationToken);

    /// <summary>The message, its protected values, its dispatch job and first history entry; null when <paramref name="once"/> found the call's typed message already.</summary>
    private async Task<long?> InsertAsync(DbConnection connection, DbTransaction transaction, ReceivedMessage received, bool once, CancellationToken cancellationToken)
    {
        var message = received.Message;
        // A recorded message names only the columns the first schema had, as it always did.
        var typed = message.Typed;
        var summary = message.Summary;
        var (extraColumns, extraValues) = (typed, summary) switch
        {
            (not null, _) => (", typed_by, typed_triage", ", @TypedBy, @TypedTriage"),
            (_, not null) => (", summary_for, summary_by", ", @SummaryFor, @SummaryBy"),
            _ => (string.Empty, string.Empty),
        };
        var appointment = message.Appointment;
        if (appointment is not null)
        {
            extraColumns += ", " + AppointmentColumn.Columns;
            extraValues += ", @AppointmentWindow, @AppointmentSource, @AppointmentStanding, @AppointmentDays, @AppointmentTime";
        }

        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"""
            INSERT INTO messages (call_id, practice_id, urgency, status, message_seconds, partial, urgency_reason, received_at{extraColumns})
            VALUES (@CallId, @PracticeId, @Urgency, @Status, @MessageSeconds, @Partial, @UrgencyReason, @ReceivedAt{extraValues})
            {(once ? $"ON CONFLICT ({OnceKey(message)}) WHERE {OnceColumn(message)} IS NOT NULL DO NOTHING" : string.Empty)}
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
                TypedBy = typed?.TakenBy,
                TypedTriage = typed?.IsTriage == true ? 1 : 0,
                AppointmentWindow = appointment is { Window: { } window } ? Dispositions.Code(window) : null,
                AppointmentSource = appointment?.Source.ToString(),
                AppointmentStanding = appointment?.Standing.ToString(),
                AppointmentDays = (int?)appointment?.Days,
                AppointmentTime = appointment?.Time.ToString(),
                SummaryFor = summary?.ClinicianId,
                SummaryBy = summary?.OperatorName,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (id is not { } saved)
        {
            return null;
        }

        // The encrypted values are bound to the row's id, known only once it is inserted (same transaction).
        var row = saved.ToString(CultureInfo.InvariantCulture);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET callback_number_enc = @Callback, caller_id_enc = @CallerId, name_recording_enc = @Name, message_recording_enc = @Recording"
                + (typed is null ? string.Empty : ", caller_name_enc = @CallerName, patient_name_enc = @PatientName, date_of_birth_enc = @DateOfBirth, reason_enc = @Reason, notes_enc = @Notes")
                + (summary is null ? string.Empty : ", summary_enc = @Summary")
                + (appointment is null ? string.Empty : ", appointment_birth_date_enc = @BirthDate, appointment_booked_enc = @Booked")
                + " WHERE id = @id",
            new
            {
                id = saved,
                Callback = protector.Protect(message.CallbackNumber, "messages", "callback_number", row),
                CallerId = protector.Protect(message.CallerId, "messages", "caller_id", row),
                Name = protector.Protect(message.NameRecording, "messages", "name_recording", row),
                Recording = protector.Protect(message.MessageRecording, "messages", "message_recording", row),
                CallerName = protector.Protect(typed?.CallerName, "messages", "caller_name", row),
                PatientName = protector.Protect(typed?.PatientName, "messages", "patient_name", row),
                DateOfBirth = protector.Protect(typed?.DateOfBirth.ToString(DateFormat, CultureInfo.InvariantCulture), "messages", "date_of_birth", row),
                Reason = protector.Protect(typed?.Reason, "messages", "reason", row),
                Notes = protector.Protect(typed?.Notes, "messages", "notes", row),
                Summary = protector.Protect(summary is null ? null : SummaryDocument.Write(summary), "messages", "summary", row),
                BirthDate = protector.Protect(appointment?.BirthDate?.ToString(DateFormat, CultureInfo.InvariantCulture), "messages", "appointment_birth_date", row),
                Booked = protector.Protect(appointment?.Booked is { } booked ? JsonSerializer.Serialize(booked) : null, "messages", "appointment_booked", row),
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
                id = saved,
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
        return saved;
    }

    private async Task<IReadOnlyList<PatientMessage>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MessageRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r =>
        {
            var row = r.id.ToString(CultureInfo.InvariantCulture);
            return new PatientMessage
            {
                Id = r.id,
                CallId = r.call_id,
                PracticeId = r.practice_id,
                Urgency = Enum.Parse<Urgency>(r.urgency),
                Status = Enum.Parse<MessageStatus>(r.status),
                CallbackNumber = protector.Unprotect(r.callback_number_enc, "messages", "callback_number", row),
                CallerId = protector.Unprotect(r.caller_id_enc, "messages", "caller_id", row),
                NameRecording = protector.Unprotect(r.name_recording_enc, "messages", "name_recording", row),
                MessageRecording = protector.Unprotect(r.message_recording_enc, "messages", "message_recording", row),
                MessageSeconds = r.message_seconds,
                Partial = r.partial != 0,
                UrgencyReason = r.urgency_reason,
                ReceivedAt = Time.Read(r.received_at),
                Typed = r.typed_by is null ? null : new TypedMessage(
                    Open(r.caller_name_enc, "caller_name", row),
                    Open(r.patient_name_enc, "patient_name", row),
                    DateOnly.ParseExact(Open(r.date_of_birth_enc, "date_of_birth", row), DateFormat, CultureInfo.InvariantCulture),
                    Open(r.reason_enc, "reason", row),
                    Open(r.notes_enc, "notes", row),
                    r.typed_by,
                    r.typed_triage != 0),
                Summary = r.summary_for is null ? null : SummaryDocument.Read(Open(r.summary_enc, "summary", row), r.summary_for, r.summary_by ?? string.Empty),
                Appointment = AppointmentColumn.Read(r.appointment_window, r.appointment_source, r.appointment_standing, r.appointment_days, r.appointment_time) is { } request
                    ? request with
                    {
                        BirthDate = protector.Unprotect(r.appointment_birth_date_enc, "messages", "appointment_birth_date", row) is { } birth
                            ? DateOnly.ParseExact(birth, DateFormat, CultureInfo.InvariantCulture)
                            : null,
                        Booked = protector.Unprotect(r.appointment_booked_enc, "messages", "appointment_booked", row) is { } booked
                            ? JsonSerializer.Deserialize<BookedAppointment>(booked)
                            : null,
                    }
                    : null,
            };
        }).ToArray();
    }

    /// <summary>The column whose unique index keeps one message of <paramref name="message"/>'s kind per call.</summary>
    private static string OnceColumn(PatientMessage message) => message.Summary is null ? "typed_by" : "summary_for";

    /// <summary>That index's columns: an operator's typed message and a nurse's triage message are each once per call.</summary>
    private static string OnceKey(PatientMessage message) => message.Summary is null ? "call_id, typed_triage" : "call_id";

    /// <summary>A typed field or a summary's content, which such a message always has.</summary>
    private string Open(string? stored, string column, string row) =>
        protector.Unprotect(stored, "messages", column, row) ?? throw new DataException($"Message {row} has no {column}.");

    private sealed record MessageRow(long id, long call_id, string practice_id, string urgency, string status, string? callback_number_enc, string? caller_id_enc, string? name_recording_enc, string? message_recording_enc, double message_seconds, long partial, string? urgency_reason, string received_at, string? typed_by, string? caller_name_enc, string? patient_name_enc, string? date_of_birth_enc, string? reason_enc, string? notes_enc, string? summary_for, string? summary_by, string? summary_enc, long typed_triage, string? appointment_window, string? appointment_source, string? appointment_standing, long? appointment_days, string? appointment_time, string? appointment_birth_date_enc, string? appointment_booked_enc);
}
