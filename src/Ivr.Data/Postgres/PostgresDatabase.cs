using System.Data.Common;
using Dapper;
using Npgsql;

namespace Ivr.Data;

/// <summary>
/// A PostgreSQL database several service processes share (<c>Data:Provider=postgres</c>). Its migrations are
/// <c>Migrations/Postgres/NNNN_*.sql</c>: a baseline numbered as the SQLite migration it matches, then one file
/// beside each SQLite migration of the same number. Types keep SQLite's meaning (bigint, text, double precision,
/// bytea; times as the ISO-8601 text the stores write), so the stores' rows map unchanged.
/// </summary>
public sealed class PostgresDatabase : Database
{
    /// <summary>The advisory lock key every migrating process waits on (any constant; "ivr.migrate").</summary>
    private const long MigrationLock = 0x6976722e6d6967;

    private readonly NpgsqlDataSource _source;

    public PostgresDatabase(DataOptions options)
        : base(options)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException exception)
        {
            throw new DataException($"Data:Provider is postgres, and Data:ConnectionString is not a PostgreSQL connection string (Host=...;Database=...;Username=...): {exception.Message}");
        }

        if (string.IsNullOrEmpty(builder.Host) || string.IsNullOrEmpty(builder.Database))
        {
            throw new DataException("Data:Provider is postgres: set Data:ConnectionString to the shared database, e.g. Host=db1;Database=ivr;Username=ivr;Password=... (docs/postgres.md).");
        }

        _source = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override DataProvider Provider => DataProvider.Postgres;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await _source.OpenConnectionAsync(cancellationToken);

    public override Task SerializeAsync(DbConnection connection, DbTransaction transaction, string what, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext(@what))", new { what }, transaction, cancellationToken: cancellationToken));

    /// <summary>Npgsql sends a Dapper list as one array parameter, which <c>IN</c> does not take.</summary>
    /// <summary>The server's clock as it reads at this statement (<c>clock_timestamp()</c>, not the transaction's start).</summary>
    public override async Task<DateTimeOffset?> ServerNowAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT clock_timestamp()";
        var now = await command.ExecuteScalarAsync(cancellationToken);
        return now switch
        {
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            DateTimeOffset at => at,
            _ => throw new DataException($"PostgreSQL answered clock_timestamp() with {now?.GetType().Name ?? "nothing"}."),
        };
    }

    public override string AnyOf(string column, string parameter) => $"{column} = ANY({parameter})";

    public override string Contains(string text, string part) => $"strpos({text}, {part}) > 0";

    public override bool IsUniqueViolation(Exception exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private protected override string MigrationResources => "Ivr.Data.PostgresMigrations.";

    private protected override string SchemaVersionTable => "CREATE TABLE IF NOT EXISTS schema_version (version bigint PRIMARY KEY, applied_at text NOT NULL)";

    /// <summary>Servers starting together take turns: the second finds the first's migrations applied.</summary>
    private protected override async Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = MigrationLock }, cancellationToken: cancellationToken));
        return new Unlock(connection);
    }

    /// <summary>Closes the pool's connections.</summary>
    public override void Dispose() => _source.Dispose();

    private sealed class Unlock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = MigrationLock });
    }
}
