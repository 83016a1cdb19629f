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
                : throw new InvalidOperationException($"This test runs on PostgreSQL too and {PostgresVariable} is not set: run scripts/postgres start, then export \"$(scripts/postgres env)\" (scripts/test does both).");
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
