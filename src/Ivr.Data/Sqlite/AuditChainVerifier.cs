using Dapper;

namespace Ivr.Data;

/// <summary>
/// Walks the audit chain from its first row and names the first row that breaks it. Ids are
/// consecutive (each append takes the last id plus one under the write lock), so a gap is a deleted
/// row. A row whose own link fails while the next row still links onto its stored chain value was
/// changed after it was written; a row whose chain value nothing valid links onto (a row added or
/// re-hashed without the key, or the last row altered) has no valid link.
/// </summary>
public sealed class AuditChainVerifier(Database database, AuditChainKey key)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await VerifyAsync(connection, key, cancellationToken);
    }

    /// <summary>Walks the chain over <paramref name="connection"/> (and the transaction open on it, as the copy to PostgreSQL checks its rows before committing).</summary>
    internal static async Task<AuditVerification> VerifyAsync(System.Data.Common.DbConnection connection, AuditChainKey key, CancellationToken cancellationToken)
    {
        // Streamed: six years of rows need not fit in memory.
        var rows = connection.QueryUnbufferedAsync<AuditRow>($"SELECT {AuditRow.Columns} FROM audit_log ORDER BY id").WithCancellation(cancellationToken);

        var previous = AuditChain.Genesis;
        long previousId = 0;
        long held = 0;
        AuditRow? suspect = null;
        await foreach (var row in rows)
        {
            if (suspect is not null)
            {
                // The suspect's own link failed: does this row still link onto the value the suspect carries?
                var carried = AuditChain.Parse(suspect.Chain);
                return row.Id == suspect.Id + 1 && carried is not null && AuditChain.Holds(key, carried, row, AuditChain.Parse(row.Chain))
                    ? new AuditVerification(held, suspect.Id, $"row {suspect.Id} changed")
                    : new AuditVerification(held, suspect.Id, $"row {suspect.Id} has no valid link");
            }

            if (row.Id != previousId + 1)
            {
                return new AuditVerification(held, previousId + 1, Missing(previousId, row.Id));
            }

            var stored = AuditChain.Parse(row.Chain);
            if (AuditChain.Holds(key, previous, row, stored))
            {
                previous = stored!;
                previousId = row.Id;
                held++;
                continue;
            }

            suspect = row;
        }

        return suspect is null
            ? new AuditVerification(held, null, null)
            : new AuditVerification(held, suspect.Id, $"row {suspect.Id} has no valid link");
    }

    private static string Missing(long before, long after)
    {
        var first = before + 1;
        var last = after - 1;
        var which = first == last ? $"row {first}" : $"rows {first} to {last}";
        return before == 0 ? $"{which} missing before {after}" : $"{which} missing between {before} and {after}";
    }
}
