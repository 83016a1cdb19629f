using System.Globalization;
using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Ivr.Data;

/// <summary>Opens connections to the SQLite file and applies the numbered migrations.</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly DataOptions _options;

    public SqliteDatabase(DataOptions options)
    {
        _options = options;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }

        builder.DefaultTimeout = (int)BusyTimeout.TotalSeconds;
        _connectionString = builder.ToString();
    }

    /// <summary>
    /// How long a write waits for another writer's lock before it fails. Writes here are short, but on a
    /// machine whose disk is busy a checkpoint can hold the lock for seconds; a caller's message or a
    /// call's end waiting is better than either failing (5 s proved too short under load).
    /// </summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>An open connection: WAL, foreign keys on, <see cref="BusyTimeout"/>.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);

        // WAL with synchronous=NORMAL survives a killed process (only power loss can lose the last
        // commits), and readers never block the writer that takes a caller's message.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=" + (int)BusyTimeout.TotalMilliseconds + ";", cancellationToken: cancellationToken));
        return connection;
    }

    /// <summary>Applies every migration not applied yet, each in its own transaction.</summary>
    /// <exception cref="DataException">The database was made by a newer version of the service.</exception>
    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(int.MaxValue, cancellationToken);

    /// <summary>
    /// Applies the migrations not applied yet up to <paramref name="through"/> (<paramref name="through"/>
    /// gives a database as an older version left it, for upgrade tests). A migration numbered below one
    /// applied already still runs: branches take their numbers ahead and may land in another order.
    /// </summary>
    public async Task<int> MigrateAsync(int through, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", cancellationToken: cancellationToken));
        var done = (await connection.QueryAsync<long>(new CommandDefinition("SELECT version FROM schema_version", cancellationToken: cancellationToken))).ToHashSet();
        var current = done.DefaultIfEmpty(0).Max();
        var migrations = Migrations();
        if (current > migrations.Keys.DefaultIfEmpty(0).Max())
        {
            throw new DataException($"The database is at schema version {current}, newer than this service knows ({migrations.Keys.Max()}). Upgrade the service.");
        }

        var applied = 0;
        foreach (var (version, sql) in migrations.Where(m => !done.Contains(m.Key) && m.Key <= through).OrderBy(m => m.Key))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
            if (version == AuditChainMigration.Version)
            {
                await AuditChainMigration.RunAsync(connection, transaction, AuditChainKey.FromOptions(_options), cancellationToken);
            }

            if (version == OperatorRoleMigration.Version)
            {
                await OperatorRoleMigration.RunAsync(connection, transaction, cancellationToken);
            }

            if (version == NurseRoleMigration.Version)
            {
                await NurseRoleMigration.RunAsync(connection, transaction, cancellationToken);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, applied_at) VALUES (@version, @at)",
                new { version, at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            applied++;
        }

        return applied;
    }

    private static SortedDictionary<int, string> Migrations()
    {
        var assembly = typeof(SqliteDatabase).Assembly;
        var result = new SortedDictionary<int, string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Ivr.Data.Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var file = name["Ivr.Data.Migrations.".Length..];
            var version = int.Parse(file[..file.IndexOf('_')], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            result.Add(version, reader.ReadToEnd());
        }

        return result;
    }
}
