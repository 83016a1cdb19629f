using Dapper;

namespace Ivr.Data;

/// <summary>
/// Re-encrypts every protected value and sealed recording under the current key while the service runs:
/// row by row, each update its own short statement that only lands if the value is still the one read
/// (a value the service changed meanwhile is read again on the next pass). The old keys are retired only
/// when a count finds nothing left that uses them. A rotation stopped midway resumes when run again.
/// </summary>
public sealed class PhiKeyRotation(Database database, PhiProtector protector, RecordingVault vault)
{
    private const int Batch = 200;

    /// <summary>Every column that holds a protected value: table, the column that names a row, and the logical column names (stored as <c>{name}_enc</c>).</summary>
    public static readonly IReadOnlyList<(string Table, string RowColumn, string[] Columns)> ProtectedColumns =
    [
        ("messages", "id", ["callback_number", "caller_id", "name_recording", "message_recording", "caller_name", "patient_name", "date_of_birth", "reason", "notes", "summary", "appointment_birth_date", "appointment_booked"]),
        ("calls", "unique_id", ["caller_id"]),
        ("webhook_secrets", "practice_id", ["current", "previous"]),
        ("calendar_feeds", "practice_id || '/' || clinician_id", ["token"]),
        ("user_totp", "user_id", ["secret"]),
        ("message_history", "id", ["note"]),
        ("triage_records", "id", ["pathway"]),
        ("campaign_patients", "id", ["name", "phone", "email", "appointment", "clinician"]),
        ("campaign_opt_outs", "id", ["phone"]),
    ];

    /// <summary>
    /// Every keyed hash (<see cref="PhiProtector.Index"/>) of a protected value: table, the column that names a row, the
    /// logical column whose encrypted value it hashes (stored as <c>{name}_enc</c>), the hash column and its purpose.
    /// A rotation makes each again under the new key, from the decrypted value beside it.
    /// </summary>
    public static readonly IReadOnlyList<(string Table, string RowColumn, string Column, string IndexColumn, string Purpose)> IndexedColumns =
    [
        ("campaign_patients", "id", "phone", "phone_hash", "phone"),
        ("campaign_opt_outs", "id", "phone", "phone_hash", "phone"),
    ];

    /// <summary>How many values and recordings each key id protects (<c>legacy</c>: the first format, before key ids).</summary>
    public async Task<IReadOnlyDictionary<string, (int Values, int Recordings)>> StatusAsync(string? recordingsDirectory, CancellationToken cancellationToken = default)
    {
        var counts = new SortedDictionary<string, (int Values, int Recordings)>(StringComparer.Ordinal);
        foreach (var id in protector.KeyIds)
        {
            counts[id] = (0, 0);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var (table, _, columns) in ProtectedColumns)
        {
            foreach (var column in columns)
            {
                foreach (var value in await connection.QueryAsync<string>(new CommandDefinition($"SELECT {column}_enc FROM {table} WHERE {column}_enc IS NOT NULL", cancellationToken: cancellationToken)))
                {
                    var key = PhiProtector.KeyIdOf(value);
                    counts[key] = counts.TryGetValue(key, out var c) ? (c.Values + 1, c.Recordings) : (1, 0);
                }
            }
        }

        foreach (var (table, _, _, index, _) in IndexedColumns)
        {
            foreach (var value in await connection.QueryAsync<string>(new CommandDefinition($"SELECT {index} FROM {table}", cancellationToken: cancellationToken)))
            {
                var key = PhiProtector.KeyIdOf(value);
                counts[key] = counts.TryGetValue(key, out var c) ? (c.Values + 1, c.Recordings) : (1, 0);
            }
        }

        foreach (var file in SealedFiles(recordingsDirectory))
        {
            var key = await RecordingVault.KeyIdAsync(file, cancellationToken);
            counts[key] = counts.TryGetValue(key, out var c) ? (c.Values, c.Recordings + 1) : (0, 1);
        }

        return counts;
    }

    /// <summary>
    /// Starts (or resumes) a rotation and carries it through; returns how many values and recordings were
    /// re-encrypted and the key ids retired (none when something still used an old key at the final count).
    /// </summary>
    public async Task<PhiKeyRotationResult> RotateAsync(string? recordingsDirectory, CancellationToken cancellationToken = default)
    {
        var current = protector.BeginRotation();
        var values = 0;
        foreach (var (table, rowColumn, columns) in ProtectedColumns)
        {
            foreach (var column in columns)
            {
                values += await RotateColumnAsync(table, rowColumn, column, current, cancellationToken);
            }
        }

        foreach (var (table, rowColumn, column, index, purpose) in IndexedColumns)
        {
            values += await RotateIndexAsync(table, rowColumn, column, index, purpose, current, cancellationToken);
        }

        var recordings = 0;
        foreach (var file in SealedFiles(recordingsDirectory))
        {
            recordings += await vault.ResealAsync(file, cancellationToken) ? 1 : 0;
        }

        var left = (await StatusAsync(recordingsDirectory, cancellationToken)).Where(c => c.Key != current && c.Value != (0, 0)).ToArray();
        var retired = left.Length == 0 ? protector.RetireOldKeys() : [];
        return new PhiKeyRotationResult(current, values, recordings, retired, left.Select(c => c.Key).ToArray());
    }

    private async Task<int> RotateColumnAsync(string table, string rowColumn, string column, string current, CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<(string Row, string Value)> rows;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                rows = (await connection.QueryAsync<(string Row, string Value)>(new CommandDefinition(
                    $"SELECT CAST({rowColumn} AS TEXT), {column}_enc FROM {table} WHERE {column}_enc IS NOT NULL AND {column}_enc NOT LIKE @prefix LIMIT {Batch}",
                    new { prefix = current + ":%" },
                    cancellationToken: cancellationToken))).ToArray();
            }

            if (rows.Count == 0)
            {
                return done;
            }

            foreach (var (row, value) in rows)
            {
                var again = protector.Protect(protector.Unprotect(value, table, column, row), table, column, row);
                await using var connection = await database.OpenAsync(cancellationToken);
                // One statement, one short transaction; it lands only if the service did not change the value meanwhile.
                done += await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {table} SET {column}_enc = @again WHERE {rowColumn} = @row AND {column}_enc = @value",
                    new { again, row = RowValue(rowColumn, row), value },
                    cancellationToken: cancellationToken));
            }
        }
    }

    private async Task<int> RotateIndexAsync(string table, string rowColumn, string column, string index, string purpose, string current, CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<(string Row, string Value, string Index)> rows;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                rows = (await connection.QueryAsync<(string Row, string Value, string Index)>(new CommandDefinition(
                    $"SELECT CAST({rowColumn} AS TEXT), {column}_enc, {index} FROM {table} WHERE {column}_enc IS NOT NULL AND {index} NOT LIKE @prefix LIMIT {Batch}",
                    new { prefix = current + ":%" },
                    cancellationToken: cancellationToken))).ToArray();
            }

            if (rows.Count == 0)
            {
                return done;
            }

            foreach (var (row, value, old) in rows)
            {
                var again = protector.Index(protector.Unprotect(value, table, column, row)!, purpose);
                await using var connection = await database.OpenAsync(cancellationToken);
                // Lands only if the row still holds the value and index read (a row the service changed is read again).
                done += await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {table} SET {index} = @again WHERE {rowColumn} = @row AND {index} = @old AND {column}_enc = @value",
                    new { again, row = RowValue(rowColumn, row), old, value },
                    cancellationToken: cancellationToken));
            }
        }
    }

    private static object RowValue(string rowColumn, string row) => rowColumn is "id" or "user_id" ? long.Parse(row, System.Globalization.CultureInfo.InvariantCulture) : row;

    private static IEnumerable<string> SealedFiles(string? directory) =>
        directory is not null && Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.enc", SearchOption.AllDirectories) : [];
}

/// <summary>What a rotation did: the current key, how many values and recordings it re-encrypted, the keys it retired, and the keys still in use (when it could not retire them).</summary>
public sealed record PhiKeyRotationResult(string CurrentKeyId, int Values, int Recordings, IReadOnlyList<string> Retired, IReadOnlyList<string> StillInUse);
