using System.Collections.Concurrent;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Domain.Simulation;
using Ivr.Telephony.Dispatch;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>
/// Needs nothing but a temporary database: the real dispatcher's morning report counts the practice's campaigns'
/// unconfirmed patients (a running one every day, a finished one once, in the first report after it ended), names
/// no patient, and leaves drafts and other practices' campaigns out.
/// </summary>
public sealed class CampaignMorningReportTests
{
    private static readonly DateTimeOffset Night = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero); // 22:00 Monday in New York

    private static readonly NotificationOptions Options = new() { PortalUrl = "https://portal.example.org" };

    private static readonly DeskMessageForm Form = new("Maria Gomez", "Ava Gomez", "2021-03-04", "(555) 987-6543", true, "Refill", Urgency.Routine, "none");

    [Fact]
    public async Task TheMorningReportCountsEachCampaignsUnconfirmedPatientsAndAFinishedOneOnlyOnce()
    {
        await using var service = await new TempService().MigratedAsync();
        var clock = new SimulatedClock(Night);
        await service.Get<IPracticeStore>().SaveAsync(Practice, "test");
        var campaigns = service.Get<ICampaignStore>();
        var running = await CampaignAsync(campaigns, "Flu clinic moved", "riverside", [Patient(2, "Nora Canary"), Patient(3, "Omar Canary"), Patient(4, "Pia Canary")]);
        var first = (await campaigns.PatientsAsync(running)).First();
        Assert.True(await campaigns.MarkConfirmedAsync(first.Id, "staff: reached at the front desk", Night));
        var finished = await CampaignAsync(campaigns, "Dr. Rivera out Friday", "riverside", [Patient(2, "Rosa Canary"), Patient(3, "Saul Canary")]);
        Assert.True(await campaigns.ChangeStateAsync(finished, CampaignState.Running, CampaignState.Finished, Night));
        await campaigns.CreateAsync(Campaign("Still a draft", "riverside"), [Patient(2, "Tess Canary")], [], []);
        await CampaignAsync(campaigns, "Another practice's", "harbor", [Patient(2, "Uma Canary")]);
        var sent = new Sender();
        var dispatcher = DispatcherOf(service, clock, sent);

        await TypedAsync(service, "11");
        await RunAsync(dispatcher);
        // The office opens at 08:00 Tuesday in New York (13:00 UTC): the report goes out.
        clock.Advance(TimeSpan.FromHours(10));
        await RunAsync(dispatcher);
        var tuesday = Assert.Single(sent.Texts);
        await TypedAsync(service, "12");
        await RunAsync(dispatcher);
        var later = sent.Texts.Last();

        Assert.Contains("Campaigns:\n", tuesday, StringComparison.Ordinal);
        Assert.Contains($"- Flu clinic moved (running): 2 patients not confirmed yet, of 3; 2 still being called. https://portal.example.org/campaigns/{running}\n", tuesday, StringComparison.Ordinal);
        Assert.Contains($"- Dr. Rivera out Friday (finished): 2 patients not confirmed, of 2. https://portal.example.org/campaigns/{finished}\n", tuesday, StringComparison.Ordinal);
        Assert.DoesNotContain("draft", tuesday, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Another practice", tuesday, StringComparison.Ordinal);
        Assert.DoesNotContain("Canary", string.Concat(sent.Texts), StringComparison.Ordinal);
        Assert.Equal(2, sent.Texts.Count);
        Assert.Contains("- Flu clinic moved (running)", later, StringComparison.Ordinal);
        Assert.DoesNotContain("Dr. Rivera out Friday", later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADayOfCampaignNewsAloneGetsItsOwnReportOnceAQuarterHourAfterTheOfficeOpensAndAnotherTheNextWorkingDay()
    {
        await using var service = await new TempService().MigratedAsync();
        var clock = new SimulatedClock(Night);
        await service.Get<IPracticeStore>().SaveAsync(Practice, "test");
        var campaigns = service.Get<ICampaignStore>();
        var running = await CampaignAsync(campaigns, "Flu clinic moved", "riverside", [Patient(2, "Nora Canary"), Patient(3, "Omar Canary")]);
        var finished = await CampaignAsync(campaigns, "Dr. Rivera out Friday", "riverside", [Patient(2, "Rosa Canary")]);
        Assert.True(await campaigns.ChangeStateAsync(finished, CampaignState.Running, CampaignState.Finished, Night));
        var sent = new Sender();
        var dispatcher = DispatcherOf(service, clock, sent);

        // Closed all night, and at the opening itself a report of routine messages would go first.
        await RunAsync(dispatcher);
        clock.Advance(TimeSpan.FromHours(10));
        await RunAsync(dispatcher);
        Assert.Empty(sent.Texts);

        clock.Advance(Dispatcher.CampaignReportAfterOpening);
        await RunAsync(dispatcher);
        clock.Advance(TimeSpan.FromMinutes(5));
        await RunAsync(dispatcher);
        var tuesday = Assert.Single(sent.Texts);
        Assert.StartsWith("No routine message from the answering service is waiting for Riverside Pediatrics this morning.\n", tuesday, StringComparison.Ordinal);
        Assert.Contains($"- Flu clinic moved (running): 2 patients not confirmed yet, of 2; 2 still being called. https://portal.example.org/campaigns/{running}\n", tuesday, StringComparison.Ordinal);
        Assert.Contains($"- Dr. Rivera out Friday (finished): 1 patient not confirmed, of 1. https://portal.example.org/campaigns/{finished}\n", tuesday, StringComparison.Ordinal);
        Assert.DoesNotContain("Canary", tuesday, StringComparison.Ordinal);
        Assert.Equal(Night.AddHours(10) + Dispatcher.CampaignReportAfterOpening, await service.Get<IDispatchStore>().LastReportAsync("riverside"));

        // Wednesday: the campaign still runs, the finished one was told once.
        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(5));
        await RunAsync(dispatcher);
        Assert.Equal(2, sent.Texts.Count);
        Assert.Contains("- Flu clinic moved (running)", sent.Texts[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Dr. Rivera out Friday", sent.Texts[1], StringComparison.Ordinal);
    }

    /// <summary>The real dispatcher over the service's stores, its campaigns counted, every notice to <paramref name="sent"/>.</summary>
    private static Dispatcher DispatcherOf(TempService service, SimulatedClock clock, Sender sent)
    {
        var practices = service.Get<IPracticeStore>();
        var supervisor = new OnCallContact("supervisor", "Supervisor", "PJSIP/supervisor", TimeSpan.FromSeconds(30), "supervisor");
        return new Dispatcher(service.Get<IDispatchStore>(), practices, new PracticeDirectory(practices, supervisor, c => c.Address), sent, sent, sent, new DispatchOptions(), clock, "test", service.Get<ICampaignStore>());
    }

    private static CampaignPatient Patient(int line, string name) => new(line, name, "+1312555" + (100 + line).ToString("0000", System.Globalization.CultureInfo.InvariantCulture), null, null, null);

    private static Campaign Campaign(string title, string practiceId) => new()
    {
        PracticeId = practiceId,
        Title = title,
        Words = "Your appointment is cancelled.",
        CallbackNumber = "3125550100",
        TimeZone = "America/New_York",
        EndsBy = Night.AddDays(7),
        CreatedBy = "sam",
        CreatedAt = Night.AddHours(-1),
    };

    private static async Task<long> CampaignAsync(ICampaignStore campaigns, string title, string practiceId, IReadOnlyList<CampaignPatient> patients)
    {
        var id = await campaigns.CreateAsync(Campaign(title, practiceId), patients, [], []);
        Assert.True(await campaigns.ChangeStateAsync(id, CampaignState.Draft, CampaignState.Running, Night.AddMinutes(-30)));
        return id;
    }

    private static async Task TypedAsync(TempService service, string call)
    {
        var callId = await service.Get<ICallRecordStore>().StartAsync(new CallRecord { UniqueId = "1764558000." + call, PracticeId = "riverside", DialedNumber = "15550100", CallerId = "5551230000", StartedAt = Night });
        var (_, created) = await service.Get<IMessageStore>().SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(Form, callId, "riverside", "5551230000", "sam", Night)));
        Assert.True(created);
    }

    /// <summary>Every due step to its end, twice: planning a message and its report may take two polls.</summary>
    private static async Task RunAsync(Dispatcher dispatcher)
    {
        for (var i = 0; i < 2; i++)
        {
            await Task.WhenAll(await dispatcher.RunDueAsync());
        }
    }

    private static Practice Practice { get; } = new()
    {
        Id = "riverside",
        Name = "Riverside Pediatrics",
        Numbers = ["15550100"],
        TimeZone = "America/New_York",
        Hours = new WeeklyHours(Enum.GetValues<DayOfWeek>().Where(d => d is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            .ToDictionary(d => d, IReadOnlyList<OpeningInterval> (_) => [new(new TimeOnly(8, 0), new TimeOnly(17, 0))])),
        Clinicians =
        [
            new Clinician("dr-1", "Doctor One", ClinicianRole.Physician, [new ContactMethod(ContactKind.Sip, "PJSIP/dr1", true)]),
            new Clinician("admin", "Front Desk", ClinicianRole.PracticeAdmin, [new ContactMethod(ContactKind.Email, "desk@example.org", true)]),
        ],
        Rotations = [new Rotation("primary", Layers.Primary, RotationPeriod.Daily, new TimeOnly(0, 0), DayOfWeek.Monday, new DateOnly(2026, 1, 1), ["dr-1"])],
        Agreement = TestAgreements.Signed,
    };

    /// <summary>Accepts every morning report email and keeps its words as the real sender writes them.</summary>
    private sealed class Sender : IEmailSender, IWebhookSender, IVoicePager
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public IReadOnlyList<string> Texts => [.. _texts];

        Task<DeliveryResult> IEmailSender.SendAsync(string address, Notice notice, CancellationToken cancellationToken)
        {
            _texts.Enqueue(NoticeText.Body(notice, Options));
            return Task.FromResult(DeliveryResult.Ok("test"));
        }

        Task<DeliveryResult> IWebhookSender.SendAsync(string url, Notice notice, CancellationToken cancellationToken) => Task.FromResult(DeliveryResult.Ok("test"));

        public Task<PageOutcome> PageAsync(PageRequest request, CancellationToken cancellationToken = default) => Task.FromResult(new PageOutcome("no-answer", "test phone"));
    }
}
