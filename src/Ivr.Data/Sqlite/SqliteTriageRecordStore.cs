using System.Globalization;
using Dapper;
using Ivr.Domain.Triage;
using System.Data.Common;

namespace Ivr.Data;

/// <summary>
/// Finished triages in SQLite (<c>triage_records</c>). The pathway is patient data: it is stored as JSON
/// encrypted by <see cref="PhiProtector"/> and bound to its row, like every message field.
/// </summary>
public sealed class SqliteTriageRecordStore(Database database, PhiProtector protector) : ITriageRecordStore
{
    private const string Columns = "id, call_record_id, message_id, practice_id, reviewed_at, reviewed_by, pathway_enc";

    public async Task<long> SaveAsync(TriageRecord record, CancellationToken cancellationToken = default)
    {
        var pathway = record.Pathway;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO triage_records (call_record_id, message_id, practice_id, nurse, computed, final, override_direction, needs_review, started_at, completed_at)
            VALUES (@CallRecordId, @MessageId, @PracticeId, @Nurse, @Computed, @Final, @Direction, @NeedsReview, @StartedAt, @CompletedAt)
            RETURNING id
            """,
            new
            {
                record.CallRecordId,
                record.MessageId,
                record.PracticeId,
                pathway.Nurse,
                Computed = Dispositions.Code(pathway.Computed),
                Final = Dispositions.Code(pathway.Final),
                Direction = pathway.Override?.Direction.ToString(),
                NeedsReview = pathway.NeedsPhysicianReview ? 1 : 0,
                StartedAt = Time.Write(pathway.StartedAt),
                CompletedAt = Time.Write(pathway.CompletedAt),
            },
            transaction,
            cancellationToken: cancellationToken));

        // Bound to the row's id, known only once it is inserted (same transaction).
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE triage_records SET pathway_enc = @Pathway WHERE id = @id",
            new { id, Pathway = protector.Protect(TriageJson.Write(pathway), "triage_records", "pathway", Row(id)) },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<TriageRecord?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {Columns} FROM triage_records WHERE id = @id", new { id }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<TriageRecord>> ForCallAsync(long callRecordId, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM triage_records WHERE call_record_id = @callRecordId ORDER BY id", new { callRecordId }, cancellationToken);

    public async Task<long?> IdForMessageAsync(long messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM triage_records WHERE message_id = @messageId ORDER BY id LIMIT 1", new { messageId }, cancellationToken: cancellationToken));
    }

    public Task<IReadOnlyList<TriageRecord>> AwaitingReviewAsync(string practiceId, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"SELECT {Columns} FROM triage_records WHERE practice_id = @practiceId AND needs_review = 1 AND reviewed_at IS NULL ORDER BY completed_at, id",
            new { practiceId },
            cancellationToken);

    public async Task<bool> MarkReviewedAsync(long id, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE triage_records SET reviewed_at = @at, reviewed_by = @by WHERE id = @id AND needs_review = 1 AND reviewed_at IS NULL",
            new { id, by, at = Time.Write(at) },
            cancellationToken: cancellationToken)) == 1;
    }

    private async Task<IReadOnlyList<TriageRecord>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RecordRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new TriageRecord
        {
            Id = r.id,
            CallRecordId = r.call_record_id,
            MessageId = r.message_id,
            PracticeId = r.practice_id,
            ReviewedAt = Time.ReadNullable(r.reviewed_at),
            ReviewedBy = r.reviewed_by,
            Pathway = TriageJson.Read<TriagePathway>(
                protector.Unprotect(r.pathway_enc, "triage_records", "pathway", Row(r.id)) ?? throw new DataException($"triage record {r.id} has no pathway"),
                $"triage record {r.id}'s pathway"),
        })];
    }

    private static string Row(long id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed record RecordRow(long id, long call_record_id, long? message_id, string practice_id, string? reviewed_at, string? reviewed_by, string? pathway_enc);
}
