using Ivr.Domain.Appointments;
using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Triage;

namespace Ivr.Data.Tests.Dispatch;

/// <summary>
/// Needs nothing but a temporary folder: the domain's dispatcher over the real SQLite store (the
/// claims and leases are the point), with a simulated clock and phones that record every page.
/// </summary>
public sealed class DispatcherTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Theory]
    [BothDatabases]
    public async Task UnacknowledgedUrgentMessageRepeatsToEachContactThenTheNextAndTheSupervisorForever(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var dispatcher = f.Dispatcher();
        var id = await f.MessageAsync(Urgency.Urgent);

        await DispatchFixture.RunAsync(dispatcher);
        Assert.Equal(["0:dr-1"], f.Pager.Who);
        f.Clock.Advance(TimeSpan.FromSeconds(59));
        await DispatchFixture.RunAsync(dispatcher);
        Assert.Single(f.Pager.Pages);
        for (var i = 0; i < 6; i++)
        {
            f.Clock.Advance(i == 0 ? TimeSpan.FromSeconds(1) : Minute);
            await DispatchFixture.RunAsync(dispatcher);
        }

        Assert.Equal(["0:dr-1", "1:dr-1", "2:dr-2", "3:dr-2", "4:supervisor", "5:supervisor", "6:supervisor"], f.Pager.Who);
        var attempts = await f.Store.AttemptsAsync(id);
        Assert.All(attempts.Where(a => a.Channel == DispatchChannels.Voice), a => Assert.Equal("no-answer", a.Outcome));
        Assert.Equal([0, 1], attempts.Where(a => a.Channel == DispatchChannels.Email).Select(a => a.Step));
        Assert.Equal(7, attempts.Count(a => a.Channel == DispatchChannels.Webhook));
        Assert.All(f.Mail.Sent, s => Assert.Equal([id], s.Notice.MessageIds));
        Assert.Equal([MessageStatus.Received, MessageStatus.Dispatched], (await f.Store.HistoryAsync(id)).Select(h => h.Status));
    }

    [Theory]
    [BothDatabases]
    public async Task AcknowledgementStopsEscalationAtOnce(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var dispatcher = f.Dispatcher();
        var id = await f.MessageAsync(Urgency.Urgent);
        await DispatchFixture.RunAsync(dispatcher);

        Assert.True(await f.Store.AdvanceAsync(id, MessageStatus.Acknowledged, "dr-1", "command line", f.Clock.GetUtcNow()));
        Assert.False(await f.Store.AdvanceAsync(id, MessageStatus.Acknowledged, "dr-2", "late", f.Clock.GetUtcNow()));
        Assert.False(await f.Store.AdvanceAsync(id, MessageStatus.Delivered, "dr-2", "never backwards", f.Clock.GetUtcNow()));
        for (var i = 0; i < 10; i++)
        {
            f.Clock.Advance(Minute);
            await DispatchFixture.RunAsync(dispatcher);
        }

        Assert.Equal(["0:dr-1"], f.Pager.Who);
        Assert.Equal(MessageStatus.Acknowledged, (await f.Messages.GetAsync(id))!.Status);
        Assert.Empty(await f.Store.DueAsync(f.Clock.GetUtcNow(), 10));
    }

    [Theory]
    [BothDatabases]
    public async Task ClinicianWhoAcknowledgesOnThePageStopsTheEscalation(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var dispatcher = f.Dispatcher();
        var id = await f.MessageAsync(Urgency.Urgent);
        f.Pager.Answer = async page =>
        {
            if (page.Step < 2)
            {
                return new PageOutcome("no-answer", "asleep");
            }

            // What the page script does when dr-2 presses 1.
            await f.Store.AdvanceAsync(page.MessageId, MessageStatus.Delivered, page.Contact.ClinicianId, "heard", f.Clock.GetUtcNow());
            await f.Store.AdvanceAsync(page.MessageId, MessageStatus.Acknowledged, page.Contact.ClinicianId, "pressed 1", f.Clock.GetUtcNow());
            await f.Store.FinishAttemptAsync(page.AttemptId, f.Clock.GetUtcNow(), "acknowledged", "pressed 1");
            return new PageOutcome("acknowledged", "pressed 1");
        };

        for (var i = 0; i < 8; i++)
        {
            await DispatchFixture.RunAsync(dispatcher);
            f.Clock.Advance(Minute);
        }

        Assert.Equal(["0:dr-1", "1:dr-1", "2:dr-2"], f.Pager.Who);
        var history = await f.Store.HistoryAsync(id);
        Assert.Equal([MessageStatus.Received, MessageStatus.Dispatched, MessageStatus.Delivered, MessageStatus.Acknowledged], history.Select(h => h.Status));
        Assert.Equal("dr-2", history[^1].Actor);
        Assert.Equal("acknowledged", (await f.Store.AttemptsAsync(id)).Last(a => a.Channel == DispatchChannels.Voice).Outcome);
    }

    [Theory]
    [BothDatabases]
    public async Task TwoProcessesSharingTheDatabaseRunEachStepOnce(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var first = f.Dispatcher("process-a");
        var second = f.SecondProcess("process-b");
        f.Pager.Answer = async _ =>
        {
            await Task.Delay(20);
            return new PageOutcome("no-answer", "slow phone");
        };
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await f.MessageAsync(Urgency.Urgent));
        }

        for (var round = 0; round < 4; round++)
        {
            await Task.WhenAll(DispatchFixture.RunAsync(first), DispatchFixture.RunAsync(second), DispatchFixture.RunAsync(first), DispatchFixture.RunAsync(second));
            f.Clock.Advance(Minute);
        }

        var pages = f.Pager.Pages.Select(p => (p.MessageId, p.Step)).ToList();
        Assert.Equal(pages.Count, pages.Distinct().Count());
        Assert.Equal(ids.Count * 4, pages.Count);
    }

    [Theory]
    [BothDatabases]
    public async Task AProcessKilledMidPageNeitherDelaysNorRepeatsTheNextStep(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var hung = new TaskCompletionSource<PageOutcome>();
        f.Pager.Answer = page => page.Step == 0 ? hung.Task : Task.FromResult(new PageOutcome("no-answer", "asleep"));
        var id = await f.MessageAsync(Urgency.Urgent);

        // Process A starts step 0 and dies with the page open (its task is simply abandoned).
        _ = await f.Dispatcher("process-a").RunDueAsync();
        await WaitUntilAsync(() => f.Pager.Pages.Count == 1);

        var restarted = f.Dispatcher("process-a-restarted");
        f.Clock.Advance(TimeSpan.FromSeconds(59));
        await DispatchFixture.RunAsync(restarted);
        Assert.Single(f.Pager.Pages);
        f.Clock.Advance(TimeSpan.FromSeconds(1));
        await DispatchFixture.RunAsync(restarted);
        await DispatchFixture.RunAsync(restarted);

        Assert.Equal(["0:dr-1", "1:dr-1"], f.Pager.Who);
        var voice = (await f.Store.AttemptsAsync(id)).Where(a => a.Channel == DispatchChannels.Voice).ToList();
        Assert.Equal("interrupted", voice[0].Outcome);
        Assert.Equal(DispatchFixture.Night + Minute, voice[1].StartedAt);
        hung.SetResult(new PageOutcome("no-answer", "too late"));
    }

    [Theory]
    [BothDatabases]
    public async Task RoutineMessagesAtNightGoOutTogetherInTheMorningReportAtTheLocalOpening(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var dispatcher = f.Dispatcher();
        var first = await f.MessageAsync(Urgency.Routine);
        f.Clock.Advance(TimeSpan.FromHours(2));
        var second = await f.MessageAsync(Urgency.Routine);
        await DispatchFixture.RunAsync(dispatcher);

        // 22:00 Monday in New York; the office opens at 08:00 Tuesday (13:00 UTC).
        f.Clock.Advance(new DateTimeOffset(2026, 12, 1, 12, 59, 0, TimeSpan.Zero) - f.Clock.GetUtcNow());
        await DispatchFixture.RunAsync(dispatcher);
        Assert.Empty(f.Mail.Sent);
        f.Clock.Advance(Minute);
        await DispatchFixture.RunAsync(dispatcher);

        var (to, notice) = Assert.Single(f.Mail.Sent, s => s.To.Contains('@'));
        Assert.Equal("desk@example.org", to);
        Assert.Equal(NoticeKind.MorningReport, notice.Kind);
        Assert.Equal([first, second], notice.MessageIds.Order());
        Assert.Empty(f.Pager.Pages);
        foreach (var id in new[] { first, second })
        {
            Assert.Equal(MessageStatus.Delivered, (await f.Messages.GetAsync(id))!.Status);
        }

        f.Clock.Advance(TimeSpan.FromDays(1));
        await DispatchFixture.RunAsync(dispatcher);
        Assert.Single(f.Mail.Sent, s => s.Notice.Kind == NoticeKind.MorningReport && s.To.Contains('@'));
    }

    [Theory]
    [BothDatabases]
    public async Task TheMorningReportListsWhichOfItsMessagesAreAppointmentRequests(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var dispatcher = f.Dispatcher();
        var recorded = await f.MessageAsync(Urgency.Routine);
        var callId = await f.Calls.StartAsync(new CallRecord { UniqueId = Guid.NewGuid().ToString("N"), PracticeId = DispatchFixture.Practice.Id, DialedNumber = "15550100", CallerId = "5551234567", StartedAt = f.Clock.GetUtcNow() });
        var triage = await f.Messages.SaveAsync(new PatientMessage
        {
            CallId = callId,
            PracticeId = DispatchFixture.Practice.Id,
            Urgency = Urgency.Routine,
            CallbackNumber = "5551234567",
            ReceivedAt = f.Clock.GetUtcNow(),
            Typed = new TypedMessage("Ann Smith", "Max Smith", new DateOnly(2019, 5, 4), "triage: see within 24 hours, fever in a child, nurse garcia", "Appointment requested: within 24 hours.", "garcia", IsTriage: true),
            Appointment = new AppointmentRequest(Disposition.Within24Hours),
        });
        await DispatchFixture.RunAsync(dispatcher);

        f.Clock.Advance(new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero) - f.Clock.GetUtcNow());
        await DispatchFixture.RunAsync(dispatcher);

        var (_, notice) = Assert.Single(f.Mail.Sent, s => s.To.Contains('@'));
        Assert.Equal([recorded, triage], notice.MessageIds.Order());
        Assert.Equal([triage], notice.AppointmentRequestIds);
        Assert.Equal(Disposition.Within24Hours, (await f.Messages.GetAsync(triage))!.Appointment!.Window);
        Assert.Null((await f.Messages.GetAsync(recorded))!.Appointment);
    }

    [Theory]
    [BothDatabases]
    public async Task TheMorningReportCountsACallersAndAnOperatorsRequestsAsItDoesATriages(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var dispatcher = f.Dispatcher();
        var recorded = await f.MessageAsync(Urgency.Routine);
        var callId = await f.Calls.StartAsync(new CallRecord { UniqueId = Guid.NewGuid().ToString("N"), PracticeId = DispatchFixture.Practice.Id, DialedNumber = "15550100", CallerId = "5551234567", StartedAt = f.Clock.GetUtcNow() });
        var phone = await f.Messages.SaveAsync(new PatientMessage
        {
            CallId = callId,
            PracticeId = DispatchFixture.Practice.Id,
            Urgency = Urgency.Routine,
            CallbackNumber = "5551234567",
            NameRecording = "/spool/x-name-1.wav",
            ReceivedAt = f.Clock.GetUtcNow(),
            Appointment = new AppointmentRequest(null) { Source = AppointmentSource.Phone, Standing = PatientStanding.New, BirthDate = new DateOnly(2019, 5, 4) },
        });
        var desk = await f.Messages.SaveAsync(new PatientMessage
        {
            CallId = callId,
            PracticeId = DispatchFixture.Practice.Id,
            Urgency = Urgency.Routine,
            CallbackNumber = "5551234567",
            ReceivedAt = f.Clock.GetUtcNow(),
            Typed = new TypedMessage("Ann Smith", "Max Smith", new DateOnly(2019, 5, 4), "check-up", string.Empty, "sam"),
            Appointment = new AppointmentRequest(null) { Source = AppointmentSource.Desk, Standing = PatientStanding.Existing, BirthDate = new DateOnly(2019, 5, 4) },
        });
        await DispatchFixture.RunAsync(dispatcher);

        f.Clock.Advance(new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero) - f.Clock.GetUtcNow());
        await DispatchFixture.RunAsync(dispatcher);

        var (_, notice) = Assert.Single(f.Mail.Sent, s => s.To.Contains('@'));
        Assert.Equal([recorded, phone, desk], notice.MessageIds.Order());
        Assert.Equal([phone, desk], notice.AppointmentRequestIds.Order());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
