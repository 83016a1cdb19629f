using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Ivr.Data;

/// <summary>Opens connections to the SQLite file and applies the numbered migrations (<c>Migrations/NNNN_*.sql</c>).</summary>
public sealed class SqliteDatabase : Database
{
    private const int SqliteConstraintUnique = 2067;

    private readonly string _connectionString;

    public SqliteDatabase(DataOptions options)
        : base(options)
    {
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

    public override DataProvider Provider => DataProvider.Sqlite;

    /// <summary>An open connection: WAL, foreign keys on, <see cref="BusyTimeout"/>.</summary>
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);

        // WAL with synchronous=NORMAL survives a killed process (only power loss can lose the last
        // commits), and readers never block the writer that takes a caller's message.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=" + (int)BusyTimeout.TotalMilliseconds + ";", cancellationToken: cancellationToken));
        return connection;
    }

    /// <summary>Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE: the write lock is taken at once.</summary>
    public override Task SerializeAsync(DbConnection connection, DbTransaction transaction, string what, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public override string AnyOf(string column, string parameter) => $"{column} IN {parameter}";

    public override string Contains(string text, string part) => $"instr({text}, {part}) > 0";

    public override bool IsUniqueViolation(Exception exception) => exception is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique };

    private protected override string MigrationResources => "Ivr.Data.Migrations.";

    private protected override string SchemaVersionTable => "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";

    /// <summary>Nothing beyond each migration's own write transaction, as it always was on SQLite.</summary>
    private protected override Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    private protected override async Task AfterMigrationAsync(int version, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        var write = (SqliteTransaction)transaction;
        if (version == AuditChainMigration.Version)
        {
            await AuditChainMigration.RunAsync(sqlite, write, AuditChainKey.FromOptions(Options), cancellationToken);
        }

        if (version == OperatorRoleMigration.Version)
        {
            await OperatorRoleMigration.RunAsync(sqlite, write, cancellationToken);
        }

        if (version == NurseRoleMigration.Version)
        {
            await NurseRoleMigration.RunAsync(sqlite, write, cancellationToken);
        }
    }
}
