using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;

namespace Ivr.Data.Tests.Dispatch;

/// <summary>
/// Needs nothing but a temporary folder: a patched call's summary through the domain's dispatcher over the real SQLite
/// store, on a simulated clock: an email notice to its one clinician (and the practice's webhook), never a page, never
/// up the chain, and a history that says where it went.
/// </summary>
public sealed class SummaryDispatchTests
{
    [Theory]
    [BothDatabases]
    public async Task ASummaryIsEmailedToItsClinicianAloneAndPostedToTheWebhookWithNoPageAndNoEscalation(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var dispatcher = f.Dispatcher();
        var id = await SummaryAsync(f, "dr-1");

        await DispatchFixture.RunAsync(dispatcher);
        for (var i = 0; i < 12; i++)
        {
            f.Clock.Advance(TimeSpan.FromMinutes(30));
            await DispatchFixture.RunAsync(dispatcher);
        }

        Assert.Empty(f.Pager.Pages);
        Assert.Equal(["dr1@example.org", DispatchFixture.Practice.WebhookUrl], f.Mail.Sent.Select(s => s.To).Order(StringComparer.Ordinal));
        Assert.All(f.Mail.Sent, s => Assert.Equal((NoticeKind.PatchSummary, id), (s.Notice.Kind, Assert.Single(s.Notice.MessageIds))));
        var attempts = await f.Store.AttemptsAsync(id);
        Assert.Equal([(DispatchChannels.Email, "dr-1", "accepted"), (DispatchChannels.Webhook, "practice-webhook", "accepted")], attempts.Select(a => (a.Channel, a.Recipient, a.Outcome)).OrderBy(a => a.Channel));
        Assert.Equal(
            [(MessageStatus.Received, "sam"), (MessageStatus.Dispatched, "summary emailed to dr-1"), (MessageStatus.Delivered, "summary emailed to dr-1")],
            (await f.Store.HistoryAsync(id)).Select(h => (h.Status, h.Status == MessageStatus.Received ? h.Actor : h.Detail)));
        Assert.True((await f.Store.StandingAsync(id))!.AtRest);
        Assert.Equal(MessageStatus.Delivered, (await f.Messages.GetAsync(id))!.Status);
    }

    [Theory]
    [BothDatabases]
    public async Task AClinicianWithoutAnEmailFindsTheSummaryInThePortalAndTheHistorySaysSo(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var dispatcher = f.Dispatcher();
        var id = await SummaryAsync(f, "dr-2");

        await DispatchFixture.RunAsync(dispatcher);
        f.Clock.Advance(TimeSpan.FromHours(12));
        await DispatchFixture.RunAsync(dispatcher);

        Assert.Empty(f.Pager.Pages);
        Assert.Equal([DispatchFixture.Practice.WebhookUrl], f.Mail.Sent.Select(s => s.To));
        var history = await f.Store.HistoryAsync(id);
        Assert.Equal((MessageStatus.Dispatched, "dispatcher", "no email for dr-2: the summary waits in the portal"), (history[^1].Status, history[^1].Actor, history[^1].Detail));
        Assert.DoesNotContain(await f.Store.AttemptsAsync(id), a => a.Channel != DispatchChannels.Webhook);
        Assert.True((await f.Store.StandingAsync(id))!.AtRest);
    }

    [Theory]
    [BothDatabases]
    public async Task AFailedEmailIsTriedAgainAfterTheRetryTimeThreeTimesInAllAndThenTheSummaryWaitsInThePortal(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        f.Mail.Accepts = address => address != "dr1@example.org";
        var dispatcher = f.Dispatcher();
        var id = await SummaryAsync(f, "dr-1");

        await DispatchFixture.RunAsync(dispatcher);
        f.Clock.Advance(f.Options.ReportRetry - TimeSpan.FromSeconds(1));
        await DispatchFixture.RunAsync(dispatcher);
        Assert.Single(f.Mail.Sent, s => s.To == "dr1@example.org");
        Assert.Equal(MessageStatus.Received, (await f.Messages.GetAsync(id))!.Status);
        for (var i = 0; i < 6; i++)
        {
            f.Clock.Advance(f.Options.ReportRetry);
            await DispatchFixture.RunAsync(dispatcher);
        }

        Assert.Empty(f.Pager.Pages);
        Assert.Equal(Dispatcher.SummaryEmailAttempts, f.Mail.Sent.Count(s => s.To == "dr1@example.org"));
        Assert.Single(f.Mail.Sent, s => s.To == DispatchFixture.Practice.WebhookUrl);
        Assert.Equal([0, 1, 2], (await f.Store.AttemptsAsync(id)).Where(a => a.Channel == DispatchChannels.Email).Select(a => a.Step));
        var history = await f.Store.HistoryAsync(id);
        Assert.Equal([MessageStatus.Received, MessageStatus.Dispatched], history.Select(h => h.Status));
        Assert.Equal("the email to dr-1 failed 3 times: the summary waits in the portal", history[^1].Detail);
        Assert.True((await f.Store.StandingAsync(id))!.AtRest);
    }

    [Theory]
    [BothDatabases]
    public async Task TwoProcessesSendTheSummaryOnceAndItIsAcknowledgedLikeAnyMessage(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var id = await SummaryAsync(f, "dr-1");

        await Task.WhenAll(DispatchFixture.RunAsync(f.Dispatcher("process-a")), DispatchFixture.RunAsync(f.SecondProcess("process-b")));
        await Task.WhenAll(DispatchFixture.RunAsync(f.Dispatcher("process-a")), DispatchFixture.RunAsync(f.SecondProcess("process-b")));

        Assert.Single(f.Mail.Sent, s => s.To == "dr1@example.org");
        Assert.True(await f.Store.AdvanceAsync(id, MessageStatus.Acknowledged, "dr-1", "acknowledged in the portal", f.Clock.GetUtcNow()));
        Assert.Equal(MessageStatus.Acknowledged, (await f.Messages.GetAsync(id))!.Status);
        Assert.True((await f.Store.StandingAsync(id))!.AtRest);
    }

    /// <summary>A patched call's summary for <paramref name="clinicianId"/>, as the desk saves it when the call ends.</summary>
    private static async Task<long> SummaryAsync(DispatchFixture f, string clinicianId)
    {
        var now = f.Clock.GetUtcNow();
        var calls = f.Calls;
        var callId = await calls.StartAsync(new CallRecord { UniqueId = Guid.NewGuid().ToString("N"), PracticeId = DispatchFixture.Practice.Id, DialedNumber = "15550100", CallerId = "5551234567", StartedAt = now.AddMinutes(-10) });
        var summary = new PatchSummary(clinicianId, "sam", now.AddMinutes(-10), now.AddMinutes(-8), TimeSpan.FromMinutes(7), null, null);
        var (id, created) = await f.Messages.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(callId, DispatchFixture.Practice.Id, "5551234567", summary, now)));
        Assert.True(created);
        return id;
    }
}
