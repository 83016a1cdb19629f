using Dapper;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;

namespace Ivr.Data;

/// <summary>Practices (whole documents, every revision kept), their numbers, and on-call overrides in SQLite.</summary>
public sealed class SqlitePracticeStore(Database database, TimeProvider time) : IPracticeStore
{
    private const string OverrideColumns = "id, practice_id, layer, clinician_id, starts_at, ends_at, reason, set_by, set_at";

    public async Task<Practice?> GetAsync(string practiceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var document = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT document FROM practices WHERE id = @practiceId", new { practiceId }, cancellationToken: cancellationToken));
        return document is null ? null : PracticeDocument.Read(document);
    }

    public async Task<Practice?> FindByNumberAsync(string number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var document = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT p.document FROM practice_numbers n JOIN practices p ON p.id = n.practice_id WHERE n.number = @number", new { number }, cancellationToken: cancellationToken));
        return document is null ? null : PracticeDocument.Read(document);
    }

    public async Task<IReadOnlyList<Practice>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var documents = await connection.QueryAsync<string>(new CommandDefinition("SELECT document FROM practices ORDER BY id", cancellationToken: cancellationToken));
        return documents.Select(PracticeDocument.Read).ToArray();
    }

    public Task<int> SaveAsync(Practice practice, string changedBy, CancellationToken cancellationToken = default) =>
        SaveCoreAsync(practice, changedBy, null, cancellationToken);

    public Task<int> SaveIfUnchangedAsync(Practice practice, string changedBy, int expectedRevision, CancellationToken cancellationToken = default) =>
        SaveCoreAsync(practice, changedBy, expectedRevision, cancellationToken);

    public async Task<IReadOnlyList<PracticeRevision>> RevisionsAsync(string practiceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RevisionRow>(new CommandDefinition(
            "SELECT revision, document, saved_at, saved_by FROM practice_revisions WHERE practice_id = @practiceId ORDER BY revision",
            new { practiceId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new PracticeRevision((int)r.revision, PracticeDocument.Read(r.document), Time.Read(r.saved_at), r.saved_by)).ToArray();
    }

    private async Task<int> SaveCoreAsync(Practice practice, string changedBy, int? expectedRevision, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // SQLite begins immediate and PostgreSQL takes the practices lock: the revision read below cannot go stale before the write.
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        await database.SerializeAsync(connection, transaction, "practices", cancellationToken);
        if (expectedRevision is { } expected)
        {
            var current = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "SELECT revision FROM practices WHERE id = @Id", new { practice.Id }, transaction, cancellationToken: cancellationToken)) ?? 0;
            if (current != expected)
            {
                throw new PracticeChangedException(practice.Id, expected, current);
            }
        }

        var numbers = practice.Numbers.Select(PhoneNumbers.Normalize).Distinct().ToArray();
        var taken = (await connection.QueryAsync<(string Number, string PracticeId)>(new CommandDefinition(
            "SELECT number, practice_id FROM practice_numbers WHERE " + database.AnyOf("number", "@numbers") + " AND practice_id <> @Id", new { numbers, practice.Id }, transaction, cancellationToken: cancellationToken))).ToArray();
        if (taken.Length > 0)
        {
            throw new PracticeConflictException(string.Join("; ", taken.Select(t => $"number {t.Number} is already published by practice '{t.PracticeId}'")));
        }

        var revision = 1 + await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(revision), 0) FROM practice_revisions WHERE practice_id = @Id", new { practice.Id }, transaction, cancellationToken: cancellationToken));
        var document = PracticeDocument.Write(practice with { Numbers = numbers });
        var now = Time.Write(time.GetUtcNow());
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO practices (id, name, document, revision, updated_at, updated_by) VALUES (@Id, @Name, @document, @revision, @now, @changedBy)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, document = excluded.document, revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
            INSERT INTO practice_revisions (practice_id, revision, document, saved_at, saved_by) VALUES (@Id, @revision, @document, @now, @changedBy);
            DELETE FROM practice_numbers WHERE practice_id = @Id;
            """,
            new { practice.Id, practice.Name, document, revision, now, changedBy },
            transaction,
            cancellationToken: cancellationToken));
        foreach (var number in numbers)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO practice_numbers (number, practice_id) VALUES (@number, @Id)", new { number, practice.Id }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return revision;
    }

    public async Task<IReadOnlyList<OnCallOverride>> OverridesAsync(string practiceId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OverrideRow>(new CommandDefinition(
            $"SELECT {OverrideColumns} FROM oncall_overrides WHERE practice_id = @practiceId AND cancelled_at IS NULL AND starts_at < @until AND ends_at > @from ORDER BY id",
            new { practiceId, from = Time.Write(from), until = Time.Write(until) },
            cancellationToken: cancellationToken));
        return rows.Select(r => new OnCallOverride(r.id, r.practice_id, (int)r.layer, r.clinician_id, Time.Read(r.starts_at), Time.Read(r.ends_at), r.reason, r.set_by, Time.Read(r.set_at))).ToArray();
    }

    public async Task<long> AddOverrideAsync(OnCallOverride entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO oncall_overrides (practice_id, layer, clinician_id, starts_at, ends_at, reason, set_by, set_at)
            VALUES (@PracticeId, @Layer, @ClinicianId, @from, @until, @Reason, @SetBy, @setAt) RETURNING id
            """,
            new { entry.PracticeId, entry.Layer, entry.ClinicianId, from = Time.Write(entry.From), until = Time.Write(entry.Until), entry.Reason, entry.SetBy, setAt = Time.Write(entry.SetAt) },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> CancelOverrideAsync(long overrideId, string cancelledBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE oncall_overrides SET cancelled_at = @at, cancelled_by = @cancelledBy WHERE id = @overrideId AND cancelled_at IS NULL",
            new { overrideId, cancelledBy, at = Time.Write(at) },
            cancellationToken: cancellationToken)) == 1;
    }

    private sealed record RevisionRow(long revision, string document, string saved_at, string saved_by);

    private sealed record OverrideRow(long id, string practice_id, long layer, string clinician_id, string starts_at, string ends_at, string reason, string set_by, string set_at);
}
