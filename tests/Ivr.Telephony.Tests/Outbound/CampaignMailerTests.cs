using System.Collections.Concurrent;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Ivr.Telephony.Dispatch;
using Ivr.Telephony.Outbound;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Outbound;

/// <summary>
/// Needs nothing but a temporary database (the real campaign store) and a fake mail sender: each patient of a running
/// campaign with an email gets one notice with their working link and the practice's number, none of the campaign's
/// or the patient's details, and never a second one; the logs hold neither the address nor the link.
/// </summary>
public sealed class CampaignMailerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    private static readonly CampaignPatient Ava = new(2, "Ava Canary", "+13125550142", "ava.canary@patients.example", new DateTime(2026, 12, 4, 9, 30, 0), "Dr. Rivera");

    private static readonly CampaignPatient Leo = new(3, "Leo Canary", "+13125550199", null, new DateTime(2026, 12, 4, 10, 0, 0), "Dr. Rivera");

    private static readonly CampaignPatient Mia = new(4, "Mia Canary", "+13125550177", "mia.canary@patients.example", new DateTime(2026, 12, 4, 11, 0, 0), null);

    [Fact]
    public async Task EachPatientWithAnEmailGetsOneNoticeWithAWorkingLinkAndNothingMedicalAndNeverASecond()
    {
        await using var service = await ArrangeAsync();
        var store = service.Get<ICampaignStore>();
        var id = await RunningAsync(store, [Ava, Leo, Mia]);
        var sent = new Sender();
        var logger = new ListLogger<CampaignMailer>();
        var mailer = Mailer(service, sent, logger);

        await mailer.SendDueAsync();
        await mailer.SendDueAsync();

        Assert.Equal(["ava.canary@patients.example", "mia.canary@patients.example"], sent.Mails.Select(m => m.Address).Order());
        var patients = await store.PatientsAsync(id);
        foreach (var (address, notice, text) in sent.Mails)
        {
            Assert.Equal(NoticeKind.CampaignConfirmation, notice.Kind);
            var link = Assert.Single(text.Split('\n'), l => l.StartsWith("https://portal.riverside.test/confirm/", StringComparison.Ordinal));
            var token = Uri.UnescapeDataString(link["https://portal.riverside.test/confirm/".Length..]);
            var patient = await store.PatientByLinkAsync(token, Now);
            Assert.Equal(address, patient?.Patient.Email);
            Assert.Contains("Riverside Pediatrics", text, StringComparison.Ordinal);
            Assert.Contains("Your appointment with us has changed", text, StringComparison.Ordinal);
            Assert.Contains("(312) 555-0100", text, StringComparison.Ordinal);
            string[] medical = ["Canary", "Rivera", "chemotherapy", "oncology", "Friday", "9:30", "December", "2026-12-04", "5550142", "5550177", "Cancelled"];
            Assert.All(medical, word => Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase));
            Assert.All(logger.Lines, line => Assert.DoesNotContain(token, line, StringComparison.Ordinal));
        }

        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines, line => Assert.DoesNotContain("canary@", line, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(await store.UnmailedAsync(10), p => p.CampaignId == id);
        Assert.Equal(2, patients.Count(p => p.Patient.Email is not null));
    }

    [Fact]
    public async Task AFailedSendIsNotTriedAgainAndThePatientIsStillCalled()
    {
        await using var service = await ArrangeAsync();
        var store = service.Get<ICampaignStore>();
        var id = await RunningAsync(store, [Ava]);
        var sent = new Sender { Fails = true };
        var mailer = Mailer(service, sent, new ListLogger<CampaignMailer>());

        await mailer.SendDueAsync();
        await mailer.SendDueAsync();

        Assert.Single(sent.Mails);
        Assert.Equal(PatientProgress.Waiting, Assert.Single(await store.PatientsAsync(id)).Progress);
    }

    [Fact]
    public async Task APausedCampaignMailsNobodyUntilItRunsAgain()
    {
        await using var service = await ArrangeAsync();
        var store = service.Get<ICampaignStore>();
        var id = await RunningAsync(store, [Ava]);
        Assert.True(await store.ChangeStateAsync(id, CampaignState.Running, CampaignState.Paused, Now));
        var sent = new Sender();
        var mailer = Mailer(service, sent, new ListLogger<CampaignMailer>());

        await mailer.SendDueAsync();
        var whilePaused = sent.Mails.Count;
        Assert.True(await store.ChangeStateAsync(id, CampaignState.Paused, CampaignState.Running, Now));
        await mailer.SendDueAsync();

        Assert.Equal(0, whilePaused);
        Assert.Single(sent.Mails);
    }

    private static CampaignMailer Mailer(TempService service, Sender sent, ListLogger<CampaignMailer> logger) =>
        new(
            service.Get<ICampaignStore>(),
            service.Get<IPracticeStore>(),
            sent,
            Options.Create(new NotificationOptions { PortalUrl = "https://portal.riverside.test/" }),
            new FakeTimeProvider(Now),
            logger);

    private static async Task<TempService> ArrangeAsync()
    {
        var service = await new TempService().MigratedAsync();
        await service.Get<IPracticeStore>().SaveAsync(Practice, "test");
        return service;
    }

    private static async Task<long> RunningAsync(ICampaignStore store, IReadOnlyList<CampaignPatient> patients)
    {
        var campaign = new Campaign
        {
            PracticeId = "riverside",
            Title = "Dr. Rivera out Friday",
            Words = "Doctor Rivera's oncology clinic is closed on Friday: your chemotherapy follow-up is cancelled.",
            CallbackNumber = "3125550100",
            TimeZone = "America/Chicago",
            EndsBy = Now.AddDays(3),
            CreatedBy = "sam",
            CreatedAt = Now.AddHours(-1),
        };
        var id = await store.CreateAsync(campaign, patients, [], []);
        Assert.True(await store.ChangeStateAsync(id, CampaignState.Draft, CampaignState.Running, Now));
        return id;
    }

    private static Practice Practice { get; } = new()
    {
        Id = "riverside",
        Name = "Riverside Pediatrics",
        Numbers = ["15550100"],
        TimeZone = "America/Chicago",
        Agreement = TestAgreements.Signed,
    };

    /// <summary>Keeps each mail and its words as the real sender writes them; accepts, or refuses when <see cref="Fails"/>.</summary>
    private sealed class Sender : IEmailSender
    {
        private readonly ConcurrentQueue<(string Address, Notice Notice, string Text)> _mails = new();

        public bool Fails { get; init; }

        public IReadOnlyList<(string Address, Notice Notice, string Text)> Mails => [.. _mails];

        public Task<DeliveryResult> SendAsync(string address, Notice notice, CancellationToken cancellationToken = default)
        {
            _mails.Enqueue((address, notice, NoticeText.Subject(notice) + "\n" + NoticeText.Body(notice, new NotificationOptions())));
            return Task.FromResult(Fails ? DeliveryResult.Failed("SMTP 550: mailbox unavailable") : DeliveryResult.Ok("test"));
        }
    }
}
