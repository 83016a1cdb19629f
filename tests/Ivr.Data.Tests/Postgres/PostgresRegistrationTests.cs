using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ivr.Data.Tests.Postgres;

/// <summary>Needs the test PostgreSQL cluster: Data:Provider chooses the database every registered store opens.</summary>
public sealed class PostgresRegistrationTests
{
    [Fact]
    public async Task DataProviderPostgresRegistersTheSharedDatabaseItsWakeupAndStoresThatUseIt()
    {
        using var temp = new TempDatabase(DataProvider.Postgres);
        await using var services = Register(new()
        {
            ["Data:Provider"] = "postgres",
            ["Data:ConnectionString"] = temp.Options.ConnectionString,
            ["Data:KeyFile"] = temp.Options.KeyFile,
        });

        var database = services.GetRequiredService<Database>();
        await database.MigrateAsync();
        var id = await services.GetRequiredService<ICallRecordStore>().StartAsync(new CallRecord { UniqueId = "1764727200.1", PracticeId = "p", DialedNumber = "15550100", StartedAt = DateTimeOffset.UtcNow });

        Assert.IsType<PostgresDatabase>(database);
        Assert.IsType<PostgresDispatchWakeup>(services.GetRequiredService<IDispatchWakeup>());
        Assert.IsType<DatabaseClock>(services.GetRequiredService<TimeProvider>());
        Assert.Equal("1764727200.1", (await new SqliteCallRecordStore(temp.Database, temp.Protector).GetAsync(id))!.UniqueId);
    }

    [Fact]
    public async Task TheDefaultIsSqliteWithNoWakeup()
    {
        using var temp = new TempDatabase();
        await using var services = Register(new() { ["Data:ConnectionString"] = temp.Options.ConnectionString, ["Data:KeyFile"] = temp.Options.KeyFile });

        Assert.IsType<SqliteDatabase>(services.GetRequiredService<Database>());
        Assert.Null(services.GetService<IDispatchWakeup>());
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void PostgresWithoutItsConnectionStringStopsWithWhatToSet()
    {
        var error = Assert.Throws<DataException>(() => Database.For(new DataOptions { Provider = DataProvider.Postgres, ConnectionString = "Data Source=data/ivr.db" }));

        Assert.Contains("Data:ConnectionString", error.Message);
    }

    private static ServiceProvider Register(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddIvrData(configuration);
        services.TryAddSingleton(TimeProvider.System);
        return services.BuildServiceProvider();
    }
}
