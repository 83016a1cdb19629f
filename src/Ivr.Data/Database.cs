using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Ivr.Data;

/// <summary>
/// The one seam between the stores and the database they run on (<see cref="DataProvider"/>): it opens connections,
/// applies the provider's numbered migrations, and answers the few places where SQLite's and PostgreSQL's SQL differ.
/// Every store writes the same Dapper SQL for both; nothing else in them knows which database it is.
/// </summary>
public abstract class Database : IDisposable
{
    private protected Database(DataOptions options) => Options = options;

    /// <summary>The options the database was made from (the audit chain's key for the migrations that need it).</summary>
    public DataOptions Options { get; }

    /// <summary>Which database this is.</summary>
    public abstract DataProvider Provider { get; }

    /// <summary>Opens the database named by <see cref="Options"/>, or the provider's database for <paramref name="options"/>.</summary>
    public static Database For(DataOptions options) => options.Provider switch
    {
        DataProvider.Sqlite => new SqliteDatabase(options),
        DataProvider.Postgres => new PostgresDatabase(options),
        _ => throw new DataException($"Data:Provider '{options.Provider}' is not a database this service knows (sqlite or postgres)."),
    };

    /// <summary>An open connection, set up for the stores (see each provider).</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Begins a write transaction. On SQLite it takes the file's one write lock at once (BEGIN IMMEDIATE), so a
    /// read inside it cannot go stale before its write; on PostgreSQL a plain (read committed) transaction, in which
    /// the stores that read before they write say so with <see cref="SerializeAsync"/> or row locks.
    /// </summary>
    public virtual async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// Makes the writers of one kind (<paramref name="what"/>, e.g. the audit log's chain) take turns until
    /// <paramref name="transaction"/> ends. SQLite's write transaction holds the file's lock already; PostgreSQL
    /// takes a transaction-scoped advisory lock named by <paramref name="what"/>.
    /// </summary>
    public abstract Task SerializeAsync(DbConnection connection, DbTransaction transaction, string what, CancellationToken cancellationToken = default);

    /// <summary><paramref name="column"/> is one of the list <paramref name="parameter"/> (a Dapper list parameter): <c>IN @p</c>, or <c>= ANY(@p)</c> where lists are arrays.</summary>
    public abstract string AnyOf(string column, string parameter);

    /// <summary><paramref name="text"/> contains <paramref name="part"/>, case-sensitively, with no LIKE wildcards.</summary>
    public abstract string Contains(string text, string part);

    /// <summary>
    /// The database server's own clock, for <see cref="DatabaseClock"/>; null where the database has no clock of its own
    /// (SQLite is a file read by the service's machine, so the service's clock is the database's).
    /// </summary>
    public virtual Task<DateTimeOffset?> ServerNowAsync(CancellationToken cancellationToken = default) => Task.FromResult<DateTimeOffset?>(null);

    /// <summary>Whether <paramref name="exception"/> is a unique constraint refusing a row.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

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
        await using var migrating = await LockMigrationsAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SchemaVersionTable, cancellationToken: cancellationToken));
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
            await using var transaction = await BeginAsync(connection, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
            await AfterMigrationAsync(version, connection, transaction, cancellationToken);
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

    /// <summary>The prefix of this provider's migrations among the assembly's resources (<c>{prefix}NNNN_name.sql</c>).</summary>
    private protected abstract string MigrationResources { get; }

    /// <summary>The schema_version table, in the provider's types.</summary>
    private protected abstract string SchemaVersionTable { get; }

    /// <summary>Keeps two processes starting at once from migrating together, until the result is disposed.</summary>
    private protected abstract Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The code half of a migration, in its transaction (SQLite's 0103, 0111, 0116).</summary>
    private protected virtual Task AfterMigrationAsync(int version, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The numbers of this provider's migrations, in order.</summary>
    public IReadOnlyList<int> MigrationVersions => Migrations().Keys.ToArray();

    /// <summary>This provider's migrations by number.</summary>
    private SortedDictionary<int, string> Migrations()
    {
        var assembly = typeof(Database).Assembly;
        var result = new SortedDictionary<int, string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(MigrationResources, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var file = name[MigrationResources.Length..];
            var version = int.Parse(file[..file.IndexOf('_')], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            result.Add(version, reader.ReadToEnd());
        }

        return result;
    }

    /// <summary>Releases the provider's pooled connections, if it keeps any.</summary>
    public virtual void Dispose()
    {
    }

    /// <summary>Nothing to release.</summary>
    private protected sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
