using System.Data.Common;
using System.Globalization;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Ivr.Data;

/// <summary>
/// Moves a service from its SQLite file to a shared PostgreSQL database (<c>ivr data migrate</c>): both schemas are
/// brought up to date, then every row of every table is copied as it is, in one PostgreSQL transaction. Encrypted
/// values are copied untouched (they are bound to their table, column and row id, which stay the same); ids are
/// kept, and the identity columns continue after them. The target must be empty; the audit chain must hold on the
/// target before the copy commits.
/// </summary>
public sealed class SqliteToPostgres(SqliteDatabase source, PostgresDatabase target, AuditChainKey auditKey)
{
    /// <summary>Tables the migrations themselves fill (the second-factor defaults): replaced by the source's rows.</summary>
    private static readonly string[] Seeded = ["second_factor_roles"];

    /// <summary>Copies every table; returns the rows copied per table.</summary>
    /// <exception cref="DataException">The target holds records already, or the copy does not match the source.</exception>
    public async Task<IReadOnlyDictionary<string, long>> CopyAsync(CancellationToken cancellationToken = default)
    {
        await source.MigrateAsync(cancellationToken);
        await target.MigrateAsync(cancellationToken);
        await using var from = await source.OpenAsync(cancellationToken);
        await using var to = (NpgsqlConnection)await target.OpenAsync(cancellationToken);
        var tables = await TablesInOrderAsync(to, cancellationToken);
        foreach (var table in tables.Where(t => !Seeded.Contains(t)))
        {
            if (await to.ExecuteScalarAsync<bool>(new CommandDefinition($"SELECT EXISTS (SELECT 1 FROM {table})", cancellationToken: cancellationToken)))
            {
                throw new DataException($"The PostgreSQL database holds records already ({table}): migrate only into a new, empty database.");
            }
        }

        var copied = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var transaction = await to.BeginTransactionAsync(cancellationToken);
        // The copy brings the EHR hand-off rows itself; the trigger that makes them for new messages would add them twice.
        await to.ExecuteAsync(new CommandDefinition("ALTER TABLE messages DISABLE TRIGGER messages_ehr_handoff", transaction: transaction, cancellationToken: cancellationToken));
        foreach (var table in Seeded)
        {
            await to.ExecuteAsync(new CommandDefinition($"DELETE FROM {table}", transaction: transaction, cancellationToken: cancellationToken));
        }

        foreach (var table in tables)
        {
            copied[table] = await CopyTableAsync(from, to, table, cancellationToken);
            var there = await to.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table}", transaction: transaction, cancellationToken: cancellationToken));
            if (there != copied[table])
            {
                throw new DataException($"{table}: {copied[table]} row(s) read, {there} in PostgreSQL.");
            }
        }

        await to.ExecuteAsync(new CommandDefinition("ALTER TABLE messages ENABLE TRIGGER messages_ehr_handoff", transaction: transaction, cancellationToken: cancellationToken));
        await ContinueIdentitiesAsync(to, transaction, cancellationToken);
        var chain = await AuditChainVerifier.VerifyAsync(to, auditKey, cancellationToken);
        if (!chain.Holds)
        {
            throw new DataException($"The audit chain does not hold after the copy ({chain.Problem}); nothing was kept. Run ivr audit verify on the SQLite database.");
        }

        await transaction.CommitAsync(cancellationToken);
        return copied;
    }

    /// <summary>Every table of the schema, each after the tables its foreign keys point at.</summary>
    private static async Task<List<string>> TablesInOrderAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version' ORDER BY tablename", cancellationToken: cancellationToken))).ToList();
        var references = (await connection.QueryAsync<(string Table, string Referenced)>(new CommandDefinition(
            "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace",
            cancellationToken: cancellationToken))).ToLookup(r => r.Table, r => r.Referenced);
        var ordered = new List<string>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < tables.Count)
        {
            var ready = tables.Where(t => !placed.Contains(t) && references[t].All(r => r == t || placed.Contains(r))).ToList();
            if (ready.Count == 0)
            {
                throw new DataException("The schema's foreign keys form a cycle; the tables cannot be copied in order.");
            }

            ordered.AddRange(ready);
            placed.UnionWith(ready);
        }

        return ordered;
    }

    private static async Task<long> CopyTableAsync(DbConnection from, NpgsqlConnection to, string table, CancellationToken cancellationToken)
    {
        var columns = (await to.QueryAsync<(string Name, string Type)>(new CommandDefinition(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table ORDER BY ordinal_position",
            new { table },
            cancellationToken: cancellationToken))).ToList();
        var names = string.Join(", ", columns.Select(c => Quote(c.Name)));
        await using var read = from.CreateCommand();
        read.CommandText = $"SELECT {names} FROM {table}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var write = await to.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await write.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                if (await reader.IsDBNullAsync(i, cancellationToken))
                {
                    await write.WriteNullAsync(cancellationToken);
                    continue;
                }

                var value = reader.GetValue(i);
                switch (columns[i].Type)
                {
                    case "bigint":
                        await write.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken);
                        break;
                    case "double precision":
                        await write.WriteAsync(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double, cancellationToken);
                        break;
                    case "bytea":
                        await write.WriteAsync(value as byte[] ?? throw new DataException($"{table}.{columns[i].Name} holds a {value.GetType().Name}, not bytes."), NpgsqlDbType.Bytea, cancellationToken);
                        break;
                    default:
                        await write.WriteAsync(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text, cancellationToken);
                        break;
                }
            }

            rows++;
        }

        await write.CompleteAsync(cancellationToken);
        return rows;
    }

    /// <summary>New rows are numbered after the copied ones.</summary>
    private static async Task ContinueIdentitiesAsync(NpgsqlConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var identities = await connection.QueryAsync<(string Table, string Column)>(new CommandDefinition(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'",
            transaction: transaction,
            cancellationToken: cancellationToken));
        foreach (var (table, column) in identities)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE(MAX({Quote(column)}), 0) + 1, false) FROM {table}",
                new { table, column },
                transaction,
                cancellationToken: cancellationToken));
        }
    }

    private static string Quote(string column) => "\"" + column.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
