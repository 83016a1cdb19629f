using Ivr.Domain.Desk;

namespace Ivr.Data.Tests.Desk;

/// <summary>
/// Needs a temporary SQLite file and the test PostgreSQL cluster: each process's desk is one row by its FastAGI
/// address, read back by the other processes while it is fresh, and gone once withdrawn.
/// </summary>
public sealed class SqliteDeskPresenceStoreTests
{
    private const string Self = "agi://10.0.0.5:4573";
    private const string Other = "agi://10.0.0.6:4573";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    [Theory]
    [BothDatabases]
    public async Task APublishedDeskIsReadBackWholeByAnotherProcess(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteDeskPresenceStore(temp.Database);

        await store.PublishAsync(new DeskPresence(Other, 3, 1, Now.AddMilliseconds(123.4567)));

        Assert.Equal([new DeskPresence(Other, 3, 1, Now.AddMilliseconds(123.4567))], await store.OthersAsync(Self, Now.AddMinutes(-1)));
    }

    [Theory]
    [BothDatabases]
    public async Task ASecondPublishReplacesTheFirstRowOfTheSameAddress(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteDeskPresenceStore(temp.Database);

        await store.PublishAsync(new DeskPresence(Other, 3, 1, Now));
        await store.PublishAsync(new DeskPresence(Other, 0, 2, Now.AddSeconds(15)));

        Assert.Equal([new DeskPresence(Other, 0, 2, Now.AddSeconds(15))], await store.OthersAsync(Self, Now.AddMinutes(-1)));
    }

    [Theory]
    [BothDatabases]
    public async Task HowManyOperatorsAndNursesAreFreeIsReadBackAndASecondPublishChangesIt(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteDeskPresenceStore(temp.Database);

        await store.PublishAsync(new DeskPresence(Other, 3, 2, Now, OperatorsFree: 2, NursesFree: 1));
        var first = Assert.Single(await store.OthersAsync(Self, Now.AddMinutes(-1)));
        Assert.Equal(new DeskPresence(Other, 3, 2, Now, OperatorsFree: 2, NursesFree: 1), first);
        Assert.Equal((2, 1), (first.Free(DeskLine.Operators), first.Free(DeskLine.Nurses)));

        // Everyone busy now (the same people signed in): the row says so, not what it said before.
        await store.PublishAsync(new DeskPresence(Other, 3, 2, Now.AddSeconds(5), OperatorsFree: 0, NursesFree: 2));

        Assert.Equal([new DeskPresence(Other, 3, 2, Now.AddSeconds(5), OperatorsFree: 0, NursesFree: 2)], await store.OthersAsync(Self, Now.AddMinutes(-1)));
    }

    [Theory]
    [BothDatabases]
    public async Task ARowSeenBeforeFreshSinceIsLeftOutAndOneSeenExactlyThenIsKept(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteDeskPresenceStore(temp.Database);

        await store.PublishAsync(new DeskPresence("agi://10.0.0.7:4573", 5, 5, Now.AddTicks(-1)));
        await store.PublishAsync(new DeskPresence(Other, 1, 0, Now));

        // The same instant in another offset: freshness compares instants, not the clock text.
        var freshSince = Now.ToOffset(TimeSpan.FromHours(-5));
        Assert.Equal([Other], (await store.OthersAsync(Self, freshSince)).Select(p => p.AgiUrl));
        Assert.Empty(await store.OthersAsync(Self, Now.AddTicks(1)));
    }

    [Theory]
    [BothDatabases]
    public async Task TheAskingProcessesOwnRowIsNotAmongTheOthers(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteDeskPresenceStore(temp.Database);

        await store.PublishAsync(new DeskPresence(Self, 4, 2, Now));
        await store.PublishAsync(new DeskPresence(Other, 1, 0, Now));

        Assert.Equal([Other], (await store.OthersAsync(Self, Now)).Select(p => p.AgiUrl));
        Assert.Equal([Self], (await store.OthersAsync(Other, Now)).Select(p => p.AgiUrl));
    }

    [Theory]
    [BothDatabases]
    public async Task OthersComeMostOperatorsFirstThenMostNursesThenByAddress(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteDeskPresenceStore(temp.Database);

        await store.PublishAsync(new DeskPresence("agi://a:4573", 0, 9, Now));
        await store.PublishAsync(new DeskPresence("agi://b:4573", 2, 0, Now));
        await store.PublishAsync(new DeskPresence("agi://c:4573", 2, 1, Now));
        await store.PublishAsync(new DeskPresence("agi://e:4573", 3, 0, Now));
        await store.PublishAsync(new DeskPresence("agi://d:4573", 2, 1, Now));

        Assert.Equal(
            ["agi://e:4573", "agi://c:4573", "agi://d:4573", "agi://b:4573", "agi://a:4573"],
            (await store.OthersAsync(Self, Now)).Select(p => p.AgiUrl));
    }

    [Theory]
    [BothDatabases]
    public async Task AWithdrawnDeskIsGoneAndTheOthersStay(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteDeskPresenceStore(temp.Database);
        await store.PublishAsync(new DeskPresence(Self, 1, 1, Now));
        await store.PublishAsync(new DeskPresence(Other, 2, 0, Now));

        await store.WithdrawAsync(Other);
        await store.WithdrawAsync("agi://never-published:4573");

        Assert.Empty(await store.OthersAsync(Self, Now));
        Assert.Equal([Self], (await store.OthersAsync(Other, Now)).Select(p => p.AgiUrl));
    }
}
