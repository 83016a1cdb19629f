using Ivr.Data;
using Ivr.Domain.Accounts;

namespace Ivr.Portal.Tests.Accounts;

/// <summary>A real SQLite file with one user, in a fresh temporary folder.</summary>
public sealed class SecondFactorStoreFixture : IAsyncDisposable
{
    private readonly string _directory;

    private SecondFactorStoreFixture(SqliteDatabase database, PhiProtector protector, AuditChainKey auditKey, string directory)
    {
        _directory = directory;
        Database = database;
        Store = new SqliteSecondFactorStore(database, protector);
        Audit = new SqliteAuditLog(database, auditKey);
    }

    public SqliteDatabase Database { get; }

    public SqliteSecondFactorStore Store { get; }

    public SqliteAuditLog Audit { get; }

    public PortalUser User { get; private set; } = null!;

    public static async Task<SecondFactorStoreFixture> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ivr-2fa-" + Guid.NewGuid().ToString("N"));
        var options = new DataOptions { ConnectionString = $"Data Source={Path.Combine(directory, "ivr.db")}", KeyFile = Path.Combine(directory, "phi.key") };
        Directory.CreateDirectory(directory);
        var database = new SqliteDatabase(options);
        await database.MigrateAsync();
        var fixture = new SecondFactorStoreFixture(database, PhiProtector.FromOptions(options), AuditChainKey.FromOptions(options), directory);
        var user = new PortalUser { Username = "lee", PasswordHash = "x", Role = PortalRole.Clinician, PracticeId = "riverside-pediatrics", ClinicianId = "dr-lee", CreatedAt = DateTimeOffset.UnixEpoch };
        fixture.User = user with { Id = await new SqliteUserStore(database).AddAsync(user) };
        return fixture;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
