using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Postgres;

/// <summary>Every process sharing one database keeps the database server's time; the offset is measured against a real PostgreSQL.</summary>
public sealed class DatabaseClockTests
{
    [Fact]
    public async Task AMachineAnHourBehindReadsTheDatabaseServersTimeOnceMeasured()
    {
        using var temp = new TempDatabase(DataProvider.Postgres);
        // The machine is an hour behind the server. The fake clock does not move during the round trip, so the offset is
        // exactly the server's reading minus the fake time: it lies between two readings of the server taken around it.
        var before = (await temp.Database.ServerNowAsync())!.Value;
        var behind = new FakeTimeProvider(before - TimeSpan.FromHours(1));
        var clock = new DatabaseClock(behind);
        Assert.Equal(behind.GetUtcNow(), clock.GetUtcNow());

        var offset = await clock.MeasureAsync(temp.Database);
        var after = (await temp.Database.ServerNowAsync())!.Value;

        Assert.NotNull(offset);
        Assert.InRange(offset.Value, before - behind.GetUtcNow(), after - behind.GetUtcNow());
        Assert.InRange(clock.GetUtcNow(), before, after);
        behind.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(behind.GetUtcNow() + offset.Value, clock.GetUtcNow());
    }

    [Fact]
    public async Task SqliteHasNoClockOfItsOwnSoTheOffsetStaysZero()
    {
        using var temp = new TempDatabase(DataProvider.Sqlite);
        var local = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        var clock = new DatabaseClock(local);

        Assert.Null(await clock.MeasureAsync(temp.Database));
        Assert.Equal(local.GetUtcNow(), clock.GetUtcNow());
    }

    [Fact]
    public async Task TimersAndElapsedTimeStayOnTheLocalClock()
    {
        using var temp = new TempDatabase(DataProvider.Postgres);
        var local = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var clock = new DatabaseClock(local);
        await clock.MeasureAsync(temp.Database);
        var started = clock.GetTimestamp();

        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock);
        local.Advance(TimeSpan.FromSeconds(29));
        Assert.False(delay.IsCompleted);
        local.Advance(TimeSpan.FromSeconds(1));

        Assert.True(delay.IsCompletedSuccessfully);
        Assert.Equal(TimeSpan.FromSeconds(30), clock.GetElapsedTime(started));
    }

    [Fact]
    public async Task ADatabaseThatCannotBeReachedLeavesTheLocalTimeAndTheServiceStarts()
    {
        var local = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        var clock = new DatabaseClock(local);
        // A port nothing listens on: connection refused at once.
        using var database = Database.For(new DataOptions { Provider = DataProvider.Postgres, ConnectionString = "Host=127.0.0.1;Port=1;Database=ivr;Username=ivr" });
        using var service = new DatabaseClockService(clock, database, local);

        await service.StartAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.Zero, clock.Offset);
        Assert.Equal(local.GetUtcNow(), clock.GetUtcNow());
        await service.StopAsync(CancellationToken.None);
    }
}
