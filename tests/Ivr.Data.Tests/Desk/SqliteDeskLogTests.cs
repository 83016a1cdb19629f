using Ivr.Domain.Desk;

namespace Ivr.Data.Tests.Desk;

/// <summary>Needs nothing but a temporary folder: the desk's facts are written once each, in any order, and read back for a period.</summary>
public sealed class SqliteDeskLogTests
{
    private static readonly DateTimeOffset Night = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [BothDatabases]
    public async Task EachFactIsWrittenOnceARepeatChangesNothingAndTheCallsOfThePeriodComeBackWhole(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var log = new SqliteDeskLog(temp.Database);
        var store = new SqliteDeskReportStore(temp.Database);

        await log.QueuedAsync(1, "riverside", DeskPriority.Urgent, Night);
        await log.QueuedAsync(1, "harbor", DeskPriority.Routine, Night.AddSeconds(3));
        await log.AnsweredAsync(1, "sam", Night.AddSeconds(12));
        await log.AnsweredAsync(1, "kai", Night.AddSeconds(14));
        await log.ReleasedAsync(1, Night.AddMinutes(4));
        await log.ReleasedAsync(1, Night.AddMinutes(5));
        await log.QueuedAsync(2, "harbor", DeskPriority.Routine, Night.AddMinutes(1));
        await log.LeftAsync(2, DeskLeave.HungUp, Night.AddMinutes(1).AddSeconds(40));
        await log.LeftAsync(2, DeskLeave.Message, Night.AddMinutes(2));
        await log.QueuedAsync(3, "riverside", DeskPriority.Routine, Until);

        var all = await store.CallsAsync(null, From, Until);
        var harbor = await store.CallsAsync("harbor", From, Until);

        Assert.Equal(
            [
                new DeskCallFact(1, "riverside", DeskPriority.Urgent, Night, Night.AddSeconds(12), "sam", null, null, Night.AddMinutes(4)),
                new DeskCallFact(2, "harbor", DeskPriority.Routine, Night.AddMinutes(1), LeftAt: Night.AddMinutes(1).AddSeconds(40), LeftHow: DeskLeave.HungUp),
            ],
            all);
        Assert.Equal([2L], harbor.Select(c => c.CallRecordId));
    }

    [Theory]
    [BothDatabases]
    public async Task AnAnswerAndReleaseBeforeTheirJoinStillMakeOneCallWhichCountsOnlyOnceItJoined(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var log = new SqliteDeskLog(temp.Database);
        var store = new SqliteDeskReportStore(temp.Database);

        await log.AnsweredAsync(5, "sam", Night.AddSeconds(8));
        await log.ReleasedAsync(5, Night.AddMinutes(3));
        Assert.Empty(await store.CallsAsync(null, From, Until));
        Assert.Empty(await store.HandledAsync(From, Until));

        await log.QueuedAsync(5, "riverside", DeskPriority.Routine, Night);

        Assert.Equal([new DeskCallFact(5, "riverside", DeskPriority.Routine, Night, Night.AddSeconds(8), "sam", ReleasedAt: Night.AddMinutes(3))], await store.CallsAsync("riverside", From, Until));
        Assert.Single(await store.HandledAsync(Night.AddMinutes(1), Night.AddMinutes(2)));
        Assert.Empty(await store.HandledAsync(Night.AddMinutes(3), Until));
    }

    [Theory]
    [BothDatabases]
    public async Task StatusChangesOfThePeriodComeWithEachOperatorsLastChangeBeforeItAndRepeatsAreOne(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var log = new SqliteDeskLog(temp.Database);
        var store = new SqliteDeskReportStore(temp.Database);
        var from = Night;

        await log.OperatorStatusAsync("sam", OperatorStatus.Available, from.AddHours(-3));
        await log.OperatorStatusAsync("sam", OperatorStatus.OnBreak, from.AddHours(-2));
        await log.OperatorStatusAsync("kai", OperatorStatus.SignedOut, from.AddHours(-1));
        await log.OperatorStatusAsync("sam", OperatorStatus.Available, from.AddMinutes(10));
        await log.OperatorStatusAsync("sam", OperatorStatus.Available, from.AddMinutes(10));
        await log.OperatorStatusAsync("sam", OperatorStatus.Offered, from.AddMinutes(20));
        await log.OperatorStatusAsync("sam", OperatorStatus.OnCall, from.AddMinutes(20));
        await log.OperatorStatusAsync("sam", OperatorStatus.WrapUp, from.AddHours(2));

        var changes = await store.StatusChangesAsync(from, from.AddHours(1));

        Assert.Equal(
            [
                new OperatorStatusChange("sam", OperatorStatus.OnBreak, from.AddHours(-2)),
                new OperatorStatusChange("kai", OperatorStatus.SignedOut, from.AddHours(-1)),
                new OperatorStatusChange("sam", OperatorStatus.Available, from.AddMinutes(10)),
                new OperatorStatusChange("sam", OperatorStatus.Offered, from.AddMinutes(20)),
                new OperatorStatusChange("sam", OperatorStatus.OnCall, from.AddMinutes(20)),
            ],
            changes);
    }
}
