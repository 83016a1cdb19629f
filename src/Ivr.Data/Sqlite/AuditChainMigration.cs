using Dapper;
using Microsoft.Data.Sqlite;

namespace Ivr.Data;

/// <summary>
/// The code half of migration 0103: chains the rows written before the log was chained, once, in the
/// migration's own transaction. Rows added later without a link are never chained after the fact: verify names them.
/// </summary>
internal static class AuditChainMigration
{
    public const int Version = 103;

    public static async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction, AuditChainKey key, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {AuditRow.Columns} FROM audit_log ORDER BY id", transaction: transaction, cancellationToken: cancellationToken))).ToList();
        var previous = AuditChain.Genesis;
        foreach (var row in rows)
        {
            var chain = AuditChain.Link(key, previous, row);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE audit_log SET chain = @chain WHERE id = @id", new { chain = AuditChain.Text(chain), id = row.Id }, transaction, cancellationToken: cancellationToken));
            previous = chain;
        }
    }
}
