using Dapper;
using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Data.Tests.Dispatch;

/// <summary>Needs nothing but a temporary folder: a routine message's row after its morning report, in SQLite.</summary>
public sealed class RoutineFollowUpStoreTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Theory]
    [BothDatabases]
    public async Task TheReportMarkMovesOnlyFromWhereItWasSoOneOfTwoProcessesClaimsADayOfCampaignNewsAndCanGiveItBack(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var store = f.Store;
        var monday = new DateTimeOffset(2026, 12, 7, 13, 15, 0, TimeSpan.Zero);

        Assert.True(await store.MoveReportMarkAsync("riverside", null, monday));
        Assert.False(await store.MoveReportMarkAsync("riverside", null, monday.AddSeconds(1)));
        Assert.True(await store.MoveReportMarkAsync("riverside", monday, monday.AddDays(1)));
        Assert.False(await store.MoveReportMarkAsync("riverside", monday, monday.AddDays(1).AddSeconds(1)));
        Assert.Equal(monday.AddDays(1), await store.LastReportAsync("riverside"));

        // Reaching nobody gives the mark back: to the day before, or to none at all.
        Assert.True(await store.MoveReportMarkAsync("riverside", monday.AddDays(1), monday));
        Assert.Equal(monday, await store.LastReportAsync("riverside"));
        Assert.True(await store.MoveReportMarkAsync("riverside", monday, null));
        Assert.Null(await store.LastReportAsync("riverside"));
        Assert.Null(await store.LastReportAsync("harbor"));
    }

    [Theory]
    [BothDatabases]
    public async Task AReportBatchIsClaimedWholeByOneProcessAndNotSplitWithAnother(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var now = f.Clock.GetUtcNow();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var id = await f.MessageAsync(Urgency.Routine);
            Assert.True(await f.Store.PlanReportAsync(id, now, now + Hour));
            ids.Add(id);
        }

        var rows = ids.Select(id => new ReportClaim(id, 0, now.AddMinutes(5))).ToList();
        var first = await f.Store.ClaimReportBatchAsync(rows, "process-a", now, now.AddMinutes(4));
        var second = await f.SecondProcessStore().ClaimReportBatchAsync(rows, "process-b", now, now.AddMinutes(4));

        Assert.Equal(ids, first);
        Assert.Empty(second);
        Assert.All(ids, id => Assert.True(f.Store.StandingAsync(id).GetAwaiter().GetResult()!.Leased));
    }

    [Theory]
    [BothDatabases]
    public async Task AFinishedReportWaitsActiveForItsFollowUpWhichOneProcessAloneTurnsIntoAnEscalation(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var id = await f.MessageAsync(Urgency.Routine);
        var now = f.Clock.GetUtcNow();
        Assert.True(await f.Store.PlanReportAsync(id, now, now + Hour));
        Assert.True(await f.Store.ClaimStepAsync(id, 0, now.AddMinutes(5), "process-a", now, now.AddMinutes(4)));

        await f.Store.CompleteReportAsync(id, "process-a");

        Assert.Equal(new DispatchStanding(DispatchState.Active, false), await f.Store.StandingAsync(id));
        Assert.Empty(await f.Store.DueAsync(now + Hour - TimeSpan.FromSeconds(1), 10));
        var followUp = Assert.Single(await f.Store.DueAsync(now + Hour, 10));
        Assert.Equal((DispatchKind.ReportFollowUp, now + Hour, now + Hour), (followUp.Kind!.Value, followUp.NextStepAt, followUp.EscalateAt!.Value));

        var chain = new[] { DispatchFixture.Supervisor };
        var policy = new EscalationPolicy(TimeSpan.FromMinutes(2), 3);
        Assert.False(await f.Store.EscalateRoutineAsync(id, chain, policy, now + Hour - TimeSpan.FromSeconds(1)));
        Assert.True(await f.SecondProcessStore().EscalateRoutineAsync(id, chain, policy, now + Hour));
        Assert.False(await f.Store.EscalateRoutineAsync(id, chain, policy, now + Hour));

        var escalation = Assert.Single(await f.Store.DueAsync(now + Hour, 10));
        Assert.Equal(DispatchKind.Escalation, escalation.Kind);
        Assert.Equal(0, escalation.NextStep);
        Assert.Equal(chain, escalation.Chain);
        Assert.Equal(policy, escalation.Policy);
    }

    [Theory]
    [BothDatabases]
    public async Task AcknowledgingAMessageWaitingForItsFollowUpStopsItForGood(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var id = await f.MessageAsync(Urgency.Routine);
        var now = f.Clock.GetUtcNow();
        Assert.True(await f.Store.PlanReportAsync(id, now, now + Hour));
        Assert.True(await f.Store.ClaimStepAsync(id, 0, now.AddMinutes(5), "process-a", now, now.AddMinutes(4)));
        await f.Store.CompleteReportAsync(id, "process-a");

        Assert.True(await f.Store.AdvanceAsync(id, MessageStatus.Acknowledged, "admin", "portal", now.AddMinutes(30)));

        Assert.True((await f.Store.StandingAsync(id))!.AtRest);
        Assert.Empty(await f.Store.DueAsync(now + TimeSpan.FromDays(30), 10));
        Assert.False(await f.Store.EscalateRoutineAsync(id, [DispatchFixture.Supervisor], EscalationPolicy.Default, now + TimeSpan.FromDays(30)));
    }

    [Fact]
    public async Task TheDeadlineColumnReachesADatabaseThatHadLaterMigrationsFirst()
    {
        using var temp = new TempDatabase();
        await temp.Database.MigrateAsync();
        await using (var connection = await temp.Database.OpenAsync())
        {
            // As a database migrated by a build that had 0110 but not yet 0108 stands.
            await connection.ExecuteAsync("ALTER TABLE dispatches DROP COLUMN escalate_at; DELETE FROM schema_version WHERE version = 108");
        }

        Assert.Equal(1, await temp.Database.MigrateAsync());
        Assert.Empty(await new SqliteDispatchStore(temp.Database, temp.Protector).DueAsync(DateTimeOffset.UtcNow, 10));
    }

    [Fact]
    public async Task TheUpgradeGivesReportsAlreadySentAFollowUpAnHourAfterItAndStopsAcknowledgedOnes()
    {
        using var temp = new TempDatabase();
        await temp.Database.MigrateAsync(107);
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var messages = new SqliteMessageStore(temp.Database, temp.Protector);
        var received = new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);
        async Task<long> MessageAsync()
        {
            var callId = await calls.StartAsync(new CallRecord { UniqueId = Guid.NewGuid().ToString("N"), PracticeId = "riverside", DialedNumber = "15550100", CallerId = "5551234567", StartedAt = received });
            return await messages.SaveAsync(new PatientMessage { CallId = callId, PracticeId = "riverside", Urgency = Urgency.Routine, CallbackNumber = "5551234567", ReceivedAt = received });
        }

        var unread = await MessageAsync();
        var acknowledged = await MessageAsync();
        var waiting = await MessageAsync();
        var reportDue = new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero);
        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE dispatches SET kind = 'Report', state = 'Done' WHERE message_id IN @ids", new { ids = new[] { unread, acknowledged } });
            await connection.ExecuteAsync("UPDATE messages SET status = 'Delivered' WHERE id = @unread; UPDATE messages SET status = 'Acknowledged' WHERE id = @acknowledged", new { unread, acknowledged });
            await connection.ExecuteAsync("UPDATE dispatches SET kind = 'Report', state = 'Active', next_step_at = @due WHERE message_id = @waiting", new { waiting, due = reportDue.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
        }

        var before = DateTimeOffset.UtcNow;
        await temp.Database.MigrateAsync();
        var after = DateTimeOffset.UtcNow;

        var store = new SqliteDispatchStore(temp.Database, temp.Protector);
        Assert.Equal(new DispatchStanding(DispatchState.Active, false), await store.StandingAsync(unread));
        Assert.Equal(new DispatchStanding(DispatchState.Stopped, false), await store.StandingAsync(acknowledged));
        var due = (await store.DueAsync(after + Hour + TimeSpan.FromSeconds(1), 10)).ToDictionary(w => w.MessageId);
        Assert.Equal([unread, waiting], due.Keys.Order());
        Assert.Equal(DispatchKind.ReportFollowUp, due[unread].Kind);
        Assert.InRange(due[unread].NextStepAt, before.AddMilliseconds(-1) + Hour, after + Hour);
        Assert.Equal(due[unread].NextStepAt, due[unread].EscalateAt);
        Assert.Equal((DispatchKind.Report, reportDue, reportDue + Hour), (due[waiting].Kind!.Value, due[waiting].NextStepAt, due[waiting].EscalateAt!.Value));
    }
}
