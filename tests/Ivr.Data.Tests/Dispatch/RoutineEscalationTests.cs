using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Data.Tests.Dispatch;

/// <summary>
/// Needs nothing but a temporary folder: a routine message nobody acknowledges by its morning report's
/// due time plus the grace (the office opens 08:00 in New York, 13:00 UTC; the grace is an hour)
/// escalates like an urgent one, over the real SQLite store and a simulated clock.
/// </summary>
public sealed class RoutineEscalationTests
{
    private const string EscalatedRemark = "routine message unacknowledged an hour after the morning report: escalated";

    private static readonly DateTimeOffset Opening = new(2026, 12, 1, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = Opening + TimeSpan.FromHours(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Theory]
    [BothDatabases]
    public async Task RoutineMessageNobodyAcknowledgesPagesTheOnCallChainAnHourAfterTheOpeningAndEscalatesByPolicy(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var dispatcher = f.Dispatcher();
        var id = await f.MessageAsync(Urgency.Routine);
        await DispatchFixture.RunAsync(dispatcher);

        await RunAtAsync(f, dispatcher, Opening);
        Assert.Single(f.Mail.Sent, s => s.Notice.Kind == NoticeKind.MorningReport && s.To == "desk@example.org");
        Assert.False((await f.Store.StandingAsync(id))!.AtRest);
        await RunAtAsync(f, dispatcher, Deadline - Minute);
        Assert.Empty(f.Pager.Pages);

        await RunAtAsync(f, dispatcher, Deadline);
        Assert.Equal(["0:dr-1"], f.Pager.Who);
        for (var i = 1; i <= 4; i++)
        {
            await RunAtAsync(f, dispatcher, Deadline + (i * Minute));
        }

        Assert.Equal(["0:dr-1", "1:dr-1", "2:dr-2", "3:dr-2", "4:supervisor"], f.Pager.Who);
        Assert.All(f.Pager.Pages, p => Assert.Equal(id, p.MessageId));
        Assert.Contains(f.Mail.Sent, s => s.To == "dr1@example.org" && s.Notice.Kind == NoticeKind.UrgentMessageWaiting && s.Notice.MessageIds.SequenceEqual([id]));
        Assert.Contains(f.Mail.Sent, s => s.To == DispatchFixture.Practice.WebhookUrl && s.Notice.Kind == NoticeKind.UrgentMessageWaiting);

        // The report reached the desk (delivered), and that alone does not stop it: only an acknowledgement does.
        var note = Assert.Single(await f.Store.HistoryAsync(id), h => h.Detail.Contains("escalated", StringComparison.Ordinal));
        Assert.Equal(new MessageHistoryEntry(Deadline, MessageStatus.Delivered, "dispatcher", EscalatedRemark), note);
        Assert.Equal(MessageStatus.Delivered, (await f.Messages.GetAsync(id))!.Status);
        Assert.False((await f.Store.StandingAsync(id))!.AtRest);
    }

    [Theory]
    [BothDatabases]
    public async Task RoutineMessageAcknowledgedHalfAnHourAfterTheOpeningIsNeverPaged(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var dispatcher = f.Dispatcher();
        var id = await f.MessageAsync(Urgency.Routine);
        await DispatchFixture.RunAsync(dispatcher);
        await RunAtAsync(f, dispatcher, Opening);
        await RunAtAsync(f, dispatcher, Opening + TimeSpan.FromMinutes(30));

        Assert.True(await f.Store.AdvanceAsync(id, MessageStatus.Acknowledged, "admin", "portal", f.Clock.GetUtcNow()));
        Assert.True((await f.Store.StandingAsync(id))!.AtRest);
        foreach (var later in new[] { Deadline, Deadline + Minute, Deadline + TimeSpan.FromHours(1), Deadline + TimeSpan.FromDays(1), Deadline + TimeSpan.FromDays(7) })
        {
            await RunAtAsync(f, dispatcher, later);
        }

        Assert.Empty(f.Pager.Pages);
        Assert.DoesNotContain(f.Mail.Sent, s => s.Notice.Kind == NoticeKind.UrgentMessageWaiting);
        Assert.DoesNotContain(await f.Store.HistoryAsync(id), h => h.Detail.Contains("escalated", StringComparison.Ordinal));
        Assert.Empty(await f.Store.DueAsync(f.Clock.GetUtcNow(), 10));
    }

    [Theory]
    [BothDatabases]
    public async Task RoutineMessageOfAPracticeWhoseReportReachesNobodyStillEscalatesAnHourAfterTheOpening(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var nobodyReads = DispatchFixture.Practice with { Clinicians = [.. DispatchFixture.Practice.Clinicians.Where(c => c.Role != ClinicianRole.PracticeAdmin)] };
        Assert.False(MorningReport.HasRecipient(nobodyReads, f.Options.SupervisorEmail));
        await f.Practices.SaveAsync(nobodyReads, "test");
        var dispatcher = f.Dispatcher();
        var id = await f.MessageAsync(Urgency.Routine);
        await DispatchFixture.RunAsync(dispatcher);

        await RunAtAsync(f, dispatcher, Opening);
        Assert.DoesNotContain(f.Mail.Sent, s => s.To.Contains('@'));
        Assert.Equal(MessageStatus.Dispatched, (await f.Messages.GetAsync(id))!.Status);
        Assert.False((await f.Store.StandingAsync(id))!.AtRest);
        await RunAtAsync(f, dispatcher, Deadline - Minute);
        Assert.Empty(f.Pager.Pages);

        await RunAtAsync(f, dispatcher, Deadline);
        await RunAtAsync(f, dispatcher, Deadline + Minute);

        Assert.Equal(["0:dr-1", "1:dr-1"], f.Pager.Who);
        var history = await f.Store.HistoryAsync(id);
        Assert.Contains(history, h => h.Status == MessageStatus.Dispatched && h.Detail.StartsWith("no staff email configured", StringComparison.Ordinal));
        Assert.Equal(EscalatedRemark, history[^1].Detail);
    }

    [Theory]
    [BothDatabases]
    public async Task AMorningReportNobodyAcceptsEscalatesAtTheDeadlineInsteadOfRetryingForever(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        f.Mail.Accepts = to => !to.Contains('@');
        var dispatcher = f.Dispatcher();
        var id = await f.MessageAsync(Urgency.Routine);
        await DispatchFixture.RunAsync(dispatcher);

        await RunAtAsync(f, dispatcher, Opening);
        await RunAtAsync(f, dispatcher, Deadline - Minute);
        Assert.True(f.Mail.Sent.Count(s => s.To == "desk@example.org") >= 2);
        Assert.Empty(f.Pager.Pages);

        await RunAtAsync(f, dispatcher, Deadline);
        await DispatchFixture.RunAsync(dispatcher);

        Assert.Equal(["0:dr-1"], f.Pager.Who);
        Assert.Equal(EscalatedRemark, Assert.Single(await f.Store.HistoryAsync(id), h => h.Detail.Contains("escalated", StringComparison.Ordinal)).Detail);
    }

    [Theory]
    [BothDatabases]
    public async Task TwoProcessesSharingTheDatabaseEscalateEachRoutineMessageOnce(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var first = f.Dispatcher("process-a");
        var second = f.SecondProcess("process-b");
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await f.MessageAsync(Urgency.Routine));
        }

        foreach (var at in new[] { f.Clock.GetUtcNow(), Opening, Deadline, Deadline + Minute, Deadline + (2 * Minute) })
        {
            f.Clock.Advance(at - f.Clock.GetUtcNow());
            await Task.WhenAll(DispatchFixture.RunAsync(first), DispatchFixture.RunAsync(second), DispatchFixture.RunAsync(first), DispatchFixture.RunAsync(second));
        }

        var pages = f.Pager.Pages.Select(p => (p.MessageId, p.Step)).ToList();
        Assert.Equal(pages.Count, pages.Distinct().Count());
        Assert.Equal(ids.Count * 3, pages.Count);
        // The report's rows are claimed in one transaction: one process takes the whole batch.
        var report = Assert.Single(f.Mail.Sent, s => s.Notice.Kind == NoticeKind.MorningReport && s.To.Contains('@'));
        Assert.Equal(ids.Order(), report.Notice.MessageIds.Order());
        foreach (var id in ids)
        {
            Assert.Single(await f.Store.HistoryAsync(id), h => h.Detail == EscalatedRemark);
        }
    }

    private static async Task RunAtAsync(DispatchFixture f, Dispatcher dispatcher, DateTimeOffset at)
    {
        f.Clock.Advance(at - f.Clock.GetUtcNow());
        await DispatchFixture.RunAsync(dispatcher);
    }
}
