namespace Ivr.Data.Tests;

/// <summary>A real SQLite file and key in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ivr-data-" + Guid.NewGuid().ToString("N"));
        Options = new DataOptions
        {
            ConnectionString = $"Data Source={Path.Combine(Directory, "ivr.db")}",
            KeyFile = Path.Combine(Directory, "keys", "phi.key"),
        };
        Database = new SqliteDatabase(Options);
        Protector = PhiProtector.FromOptions(Options);
    }

    public string Directory { get; }

    public DataOptions Options { get; }

    public SqliteDatabase Database { get; }

    public PhiProtector Protector { get; }

    public string DatabaseFile => Path.Combine(Directory, "ivr.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
