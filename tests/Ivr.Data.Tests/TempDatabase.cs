using System.Text;
using Dapper;
using Npgsql;

namespace Ivr.Data.Tests;

/// <summary>
/// A real database and key for one test, gone afterwards: a SQLite file in a fresh temporary folder, or a fresh
/// database in the test PostgreSQL cluster (<see cref="PostgresVariable"/>, which scripts/test exports).
/// </summary>
public sealed class TempDatabase : IDisposable
{
    /// <summary>The environment variable holding the test cluster's connection string (its maintenance database).</summary>
    public const string PostgresVariable = "IVR_TEST_POSTGRES";

    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    public TempDatabase()
        : this(DataProvider.Sqlite)
    {
    }

    public TempDatabase(DataProvider provider)
    {
        Directory = Path.Combine(Path.GetTempPath(), "ivr-data-" + Guid.NewGuid().ToString("N"));
        var connectionString = $"Data Source={Path.Combine(Directory, "ivr.db")}";
        if (provider == DataProvider.Postgres)
        {
            _postgresAdmin = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } admin
                ? admin
                : throw new InvalidOperationException($"This test runs on PostgreSQL too and {PostgresVariable} is not set: run scripts/postgres start, then set -a; . <(scripts/postgres env); set +a (scripts/test does both).");
            _postgresName = "ivr_test_" + Guid.NewGuid().ToString("N");
            using (var connection = new NpgsqlConnection(_postgresAdmin))
            {
                connection.Execute($"CREATE DATABASE {_postgresName}");
            }

            connectionString = new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = _postgresName }.ToString();
        }

        Options = new DataOptions
        {
            Provider = provider,
            ConnectionString = connectionString,
            KeyFile = Path.Combine(Directory, "keys", "phi.key"),
        };
        Database = Data.Database.For(Options);
        Protector = PhiProtector.FromOptions(Options);
    }

    public string Directory { get; }

    public DataOptions Options { get; }

    public Database Database { get; }

    public PhiProtector Protector { get; }

    public string DatabaseFile => Path.Combine(Directory, "ivr.db");

    /// <summary>
    /// Everything the database keeps, as raw as it can be read: on SQLite every byte of the file and its write-ahead log
    /// (checkpointed first); on PostgreSQL every row of every table as PostgreSQL writes it out. Patient data must not
    /// appear in it in plain.
    /// </summary>
    public async Task<string> StoredTextAsync()
    {
        var text = new StringBuilder();
        await using var connection = await Database.OpenAsync();
        if (Options.Provider == DataProvider.Postgres)
        {
            foreach (var table in await connection.QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
            {
                text.AppendJoin('\n', await connection.QueryAsync<string>($"SELECT t::text FROM {table} t")).Append('\n');
            }

            return text.ToString();
        }

        await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "ivr.db*"))
        {
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory);
                text.Append(Encoding.Latin1.GetString(memory.ToArray()));
            }
            catch (FileNotFoundException)
            {
                // SQLite removes -wal and -shm when its last connection closes, which may happen between the listing and the read.
            }
        }

        return text.ToString();
    }

    public void Dispose()
    {
        Database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresName is not null)
        {
            using var connection = new NpgsqlConnection(_postgresAdmin);
            connection.Execute($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)");
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
