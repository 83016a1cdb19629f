using System.Collections.Concurrent;
using System.Text.Json;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Domain.Simulation;
using Ivr.Telephony.Dispatch;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>
/// Needs nothing but a temporary database: messages typed at the desk go through the real dispatcher (an urgent one
/// pages, emails and posts at once; a routine one waits for the morning report), a patched call's summary is emailed
/// to its clinician and posted without a page, and every email and webhook, in the exact words and JSON sent, carries
/// none of what the operator typed or the summary says.
/// </summary>
public sealed class TypedMessageNoticeTests
{
    private static readonly DateTimeOffset Night = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero); // 22:00 Monday in New York

    private static readonly NotificationOptions Options = new() { PortalUrl = "https://portal.example.org", AnsweringServicePhone = "+1 555 0100" };

    private static readonly DeskMessageForm Form = new(
        "Maria Gomez", "Ava Gomez", "2021-03-04", "(555) 987-6543", true, "Fever of 103 since noon", Urgency.Urgent, "Gave Tylenol at 8 pm; allergic to penicillin");

    [Fact]
    public async Task NoEmailOrWebhookAboutATypedMessageCarriesAnythingTheOperatorTyped()
    {
        await using var service = await new TempService().MigratedAsync();
        var clock = new SimulatedClock(Night);
        var practices = service.Get<IPracticeStore>();
        await practices.SaveAsync(Practice, "test");
        var urgent = await TypedAsync(service, Form, "11");
        var routine = await TypedAsync(service, Form with { Urgency = Urgency.Routine, PatientName = "Leo Gomez", DateOfBirth = "2018-07-09" }, "12");
        var sent = new Senders();
        var supervisor = new OnCallContact("supervisor", "Supervisor", "PJSIP/supervisor", TimeSpan.FromSeconds(30), "supervisor");
        var dispatcher = new Dispatcher(service.Get<IDispatchStore>(), practices, new PracticeDirectory(practices, supervisor, c => c.Address), sent, sent, sent, new DispatchOptions(), clock, "test");

        await RunAsync(dispatcher);
        // The office opens at 08:00 Tuesday in New York (13:00 UTC): the routine message's morning report goes out.
        clock.Advance(TimeSpan.FromHours(10));
        await RunAsync(dispatcher);

        Assert.Contains(sent.Notices, n => n.Kind == NoticeKind.UrgentMessageWaiting && n.MessageIds.SequenceEqual([urgent]));
        Assert.Contains(sent.Notices, n => n.Kind == NoticeKind.MorningReport && n.MessageIds.SequenceEqual([routine]));
        Assert.Contains(sent.Pages, p => p.MessageId == urgent);
        Assert.Contains(sent.Texts, t => t.Contains("https://portal.example.org/messages/" + urgent, StringComparison.Ordinal));
        Assert.Contains(sent.Texts, t => t.Contains("\"messageIds\":[" + routine + "]", StringComparison.Ordinal));
        string[] typed = ["Maria", "Gomez", "2021-03-04", "2018-07-09", "Fever", "Tylenol", "penicillin", "5559876543", "987-6543", "5551230000"];
        var everything = sent.Texts.Concat(sent.Pages.Select(p => JsonSerializer.Serialize(p))).ToArray();
        Assert.NotEmpty(everything);
        foreach (var text in everything)
        {
            Assert.All(typed, field => Assert.DoesNotContain(field, text, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task ASummaryGoesToItsClinicianAloneAsANoticeAndALinkWithNothingItSaysAndNoPage()
    {
        await using var service = await new TempService().MigratedAsync();
        var clock = new SimulatedClock(Night);
        var practices = service.Get<IPracticeStore>();
        await practices.SaveAsync(Practice, "test");
        var typed = await TypedAsync(service, Form, "13");
        var call = (await service.Get<IMessageStore>().GetAsync(typed))!.CallId;
        var summary = new PatchSummary("dr-1", "sam", Night.AddMinutes(-9), Night.AddMinutes(-7), TimeSpan.FromSeconds(421), typed, "Fever of 103 since noon");
        var (id, _) = await service.Get<IMessageStore>().SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(call, "riverside", "5551230000", summary, Night)));
        var sent = new Senders();
        var supervisor = new OnCallContact("supervisor", "Supervisor", "PJSIP/supervisor", TimeSpan.FromSeconds(30), "supervisor");
        var dispatcher = new Dispatcher(service.Get<IDispatchStore>(), practices, new PracticeDirectory(practices, supervisor, c => c.Address), sent, sent, sent, new DispatchOptions(), clock, "test");

        await RunAsync(dispatcher);

        var about = sent.Notices.Where(n => n.MessageIds.Contains(id)).ToList();
        Assert.Equal(2, about.Count);
        Assert.All(about, n => Assert.Equal(NoticeKind.PatchSummary, n.Kind));
        Assert.DoesNotContain(sent.Pages, p => p.MessageId == id);
        var texts = sent.Texts.Where(t => t.Contains("Summary of a patched call", StringComparison.Ordinal) || t.Contains("summary.patched-call", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, texts.Length);
        Assert.Contains(texts, t => t.StartsWith("Summary of a patched call — Riverside Pediatrics\n", StringComparison.Ordinal) && t.Contains("https://portal.example.org/messages/" + id, StringComparison.Ordinal));
        string[] secret = ["5551230000", "555-123", "Fever", "103", "Maria", "Gomez", "sam", "421", "7 min"];
        Assert.All(texts, text => Assert.All(secret, field => Assert.DoesNotContain(field, text, StringComparison.OrdinalIgnoreCase)));
    }

    private static Practice Practice { get; } = new()
    {
        Id = "riverside",
        Name = "Riverside Pediatrics",
        Numbers = ["15550100"],
        TimeZone = "America/New_York",
        Hours = new WeeklyHours(Enum.GetValues<DayOfWeek>().Where(d => d is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            .ToDictionary(d => d, IReadOnlyList<OpeningInterval> (_) => [new(new TimeOnly(8, 0), new TimeOnly(17, 0))])),
        WebhookUrl = "https://hooks.example/riverside",
        Clinicians =
        [
            new Clinician("dr-1", "Doctor One", ClinicianRole.Physician, [new ContactMethod(ContactKind.Sip, "PJSIP/dr1", true), new ContactMethod(ContactKind.Email, "dr1@example.org", true)]),
            new Clinician("admin", "Front Desk", ClinicianRole.PracticeAdmin, [new ContactMethod(ContactKind.Email, "desk@example.org", true)]),
        ],
        Rotations = [new Rotation("primary", Layers.Primary, RotationPeriod.Daily, new TimeOnly(0, 0), DayOfWeek.Monday, new DateOnly(2026, 1, 1), ["dr-1"])],
        Agreement = TestAgreements.Signed,
    };

    private static async Task<long> TypedAsync(TempService service, DeskMessageForm form, string call)
    {
        var callId = await service.Get<ICallRecordStore>().StartAsync(new CallRecord { UniqueId = "1764558000." + call, PracticeId = "riverside", DialedNumber = "15550100", CallerId = "5551230000", StartedAt = Night });
        var (id, created) = await service.Get<IMessageStore>().SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(form, callId, "riverside", "5551230000", "sam", Night)));
        Assert.True(created);
        return id;
    }

    /// <summary>Every due step to its end, twice: planning a message and its first step may take two polls.</summary>
    private static async Task RunAsync(Dispatcher dispatcher)
    {
        for (var i = 0; i < 2; i++)
        {
            await Task.WhenAll(await dispatcher.RunDueAsync());
        }
    }

    /// <summary>Email, webhook and voice page that accept everything and keep what each would have sent, in the words and JSON the real senders write.</summary>
    private sealed class Senders : IEmailSender, IWebhookSender, IVoicePager
    {
        public ConcurrentQueue<Notice> Notices { get; } = new();

        public ConcurrentQueue<string> Texts { get; } = new();

        public ConcurrentQueue<PageRequest> Pages { get; } = new();

        Task<DeliveryResult> IEmailSender.SendAsync(string address, Notice notice, CancellationToken cancellationToken)
        {
            Notices.Enqueue(notice);
            Texts.Enqueue(NoticeText.Subject(notice) + "\n" + NoticeText.Body(notice, Options));
            return Task.FromResult(DeliveryResult.Ok("test"));
        }

        Task<DeliveryResult> IWebhookSender.SendAsync(string url, Notice notice, CancellationToken cancellationToken)
        {
            Notices.Enqueue(notice);
            Texts.Enqueue(WebhookSender.Body(notice, Options.PortalUrl, "delivery-1"));
            return Task.FromResult(DeliveryResult.Ok("test"));
        }

        public Task<PageOutcome> PageAsync(PageRequest request, CancellationToken cancellationToken = default)
        {
            Pages.Enqueue(request);
            return Task.FromResult(new PageOutcome("no-answer", "test phone"));
        }
    }
}
