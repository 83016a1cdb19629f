using System.Globalization;
using System.Text.RegularExpressions;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Microsoft.Playwright;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.EndToEndTests.Messages;

/// <summary>
/// Needs Debian's chromium and a free loopback port (the portal runs in-process, no Asterisk): what a
/// clinician does with an urgent message at night, in a real browser, and what they may not open.
/// </summary>
public sealed class UrgentMessageBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AClinicianSignsInSeesTheUrgentMessageFirstPlaysItsRecordingAndAcknowledgesIt()
    {
        await using var portal = await ArrangeAsync();
        var urgent = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, minutesAfter: 0, callback: "5558675309");
        var routine = await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 30, callback: "5551112222");
        var page = await chromium.NewPageAsync(portal.BaseAddress);
        const string Test = "acknowledge";

        await page.GotoAsync("/messages");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await Screenshots.SaveAsync(page, Test, "1-sign-in");
        await SignInAsync(page, "lee");

        await Expect(page).ToHaveURLAsync(new Regex("/messages$"));
        var rows = page.Locator("#inbox tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        Assert.Equal(Id(urgent), await rows.Nth(0).GetAttributeAsync("data-message-id"));
        Assert.Equal(Id(routine), await rows.Nth(1).GetAttributeAsync("data-message-id"));
        await Expect(rows.Nth(0)).ToContainTextAsync("Urgent");
        await Expect(rows.Nth(0)).ToContainTextAsync("Received");
        await Screenshots.SaveAsync(page, Test, "2-inbox");

        await rows.Nth(0).Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/messages/{urgent}$"));
        await Expect(page.Locator("#callback")).ToHaveTextAsync("5558675309");
        var duration = await page.EvaluateAsync<double>(
            """
            async () => {
              const audio = document.querySelector('#recording');
              if (audio.readyState < 1) {
                await new Promise((loaded, failed) => {
                  audio.addEventListener('loadedmetadata', loaded, { once: true });
                  audio.addEventListener('error', () => failed(new Error('audio error ' + (audio.error && audio.error.code))), { once: true });
                  audio.load();
                });
              }
              return audio.duration;
            }
            """);
        Assert.InRange(duration, 1.9, 2.1);
        var played = await page.EvaluateAsync<double>(
            """
            async () => {
              const audio = document.querySelector('#recording');
              await audio.play();
              await new Promise(done => setTimeout(done, 600));
              audio.pause();
              return audio.currentTime;
            }
            """);
        Assert.True(played > 0, "the recording did not play");
        await Screenshots.SaveAsync(page, Test, "3-message");

        await page.Locator("#acknowledge").ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Acknowledged");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("escalation has stopped");
        await Expect(page.Locator("#history tbody tr").Last).ToContainTextAsync("dr-lee");
        await Expect(page.Locator("#acknowledge")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, Test, "4-acknowledged");

        await page.GotoAsync("/messages");
        await Expect(page.Locator($"#inbox tr[data-message-id='{urgent}']")).ToContainTextAsync("Acknowledged");
        await Screenshots.SaveAsync(page, Test, "5-inbox-after");

        var history = await portal.Get<IDispatchStore>().HistoryAsync(urgent);
        Assert.Equal(MessageStatus.Acknowledged, history[^1].Status);
        Assert.Equal("dr-lee", history[^1].Actor);
        var audit = await portal.Get<IAuditLog>().ListAsync(50);
        Assert.Contains(audit, e => e.Action == "message.view" && e.SubjectId == Id(urgent) && e.Actor == "portal:lee");
        Assert.Contains(audit, e => e.Action == "message.recording" && e.SubjectId == Id(urgent));
        Assert.Contains(audit, e => e.Action == "message.acknowledge" && e.SubjectId == Id(urgent));
        Assert.Contains(audit, e => e.Action == "message.list" && e.Actor == "portal:lee");
    }

    [Fact]
    public async Task AClinicianOfPracticeAOpeningPracticeBsMessageByItsUrlGetsNotFoundAndTheAttemptIsAudited()
    {
        await using var portal = await ArrangeAsync();
        var theirs = await portal.SeedMessageAsync(PracticeB, Urgency.Urgent, callback: "5554443333");
        var page = await chromium.NewPageAsync(portal.BaseAddress);
        const string Test = "other-practice";

        await page.GotoAsync("/signin");
        await SignInAsync(page, "lee");
        await Expect(page.Locator(".empty")).ToContainTextAsync("No messages waiting");
        await Screenshots.SaveAsync(page, Test, "1-inbox-without-b");
        var response = await page.GotoAsync($"/messages/{theirs}");

        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not found");
        Assert.DoesNotContain("5554443333", await page.ContentAsync());
        await Screenshots.SaveAsync(page, Test, "2-forbidden");
        var recording = await page.APIRequest.GetAsync($"/messages/{theirs}/recording");
        Assert.Equal(404, recording.Status);
        var denied = (await portal.Get<IAuditLog>().ListAsync(50)).Where(e => e.Action == "message.denied").ToArray();
        Assert.Equal(2, denied.Length);
        Assert.All(denied, e =>
        {
            Assert.Equal("portal:lee", e.Actor);
            Assert.Equal(Id(theirs), e.SubjectId);
        });
    }

    [Fact]
    public async Task AClinicianFollowsAMessageToItsCallsTimelineAndFindsTheCallByDay()
    {
        await using var portal = await ArrangeAsync();
        var urgent = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent);
        await portal.SeedMessageAsync(PracticeB, Urgency.Urgent, minutesAfter: 1);
        var callId = (await portal.Get<IMessageStore>().GetAsync(urgent))!.CallId;
        var page = await chromium.NewPageAsync(portal.BaseAddress);
        const string Test = "calls";

        await page.GotoAsync($"/messages/{urgent}");
        await SignInAsync(page, "lee");
        await Expect(page).ToHaveURLAsync(new Regex($"/messages/{urgent}$"));
        await page.GetByText("its timeline").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/calls/{callId}$"));
        await Expect(page.Locator("#timeline")).ToContainTextAsync("pressed 2: urgent message");
        await Expect(page.Locator("#call-messages")).ToContainTextAsync($"Message {urgent}");
        await Screenshots.SaveAsync(page, Test, "1-timeline");
        // The call-flow diagram, drawn on the server, marks the states this call entered and the steps between them.
        await Expect(page.Locator("#flow svg .node")).Not.ToHaveCountAsync(0);
        Assert.Equal(
            ["CallbackOffer", "Greeting", "MainMenu", "RecordMessage", "RecordName", "UrgencyChoice"],
            (await page.Locator("#flow .node.entered title").AllTextContentsAsync()).Order(StringComparer.Ordinal));
        Assert.Contains("MainMenu->RecordName", await page.Locator("#flow .edge.taken title").AllTextContentsAsync());
        await page.Locator("#flow .node.entered").Last.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, Test, "1-flow");

        await page.GotoAsync("/calls");
        await page.Locator("input[name=day]").FillAsync("2026-11-22");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Search" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("day=2026-11-22"));
        await Expect(page.Locator("#calls tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#calls tbody tr")).ToContainTextAsync("message-taken");
        await Screenshots.SaveAsync(page, Test, "2-list");
        await page.Locator("input[name=day]").FillAsync("2026-11-23");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Search" }).ClickAsync();
        await Expect(page.Locator(".empty")).ToContainTextAsync("No calls found");
    }

    [Fact]
    public async Task AWrongPasswordGetsTheOneAnswerAndTheRightOneInsideTheDelayIsRefusedAlike()
    {
        // The clock stands still, so the right password lands inside the delay after the fifth wrong one.
        await using var portal = await ArrangeAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var page = await chromium.NewPageAsync(portal.BaseAddress);
        const string Refused = "Wrong username or password, or too many tries: wait a minute and try again.";

        await page.GotoAsync("/signin");
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(page, "lee", "not the password");
            await Expect(page.Locator("[role=alert]")).ToHaveTextAsync(Refused);
        }

        await SignInAsync(page, "lee");
        await Expect(page.Locator("[role=alert]")).ToHaveTextAsync(Refused);
        await Screenshots.SaveAsync(page, "lockout", "1-slowed");
    }

    private static async Task<PortalUnderTest> ArrangeAsync(TimeProvider? time = null)
    {
        var portal = await PortalUnderTest.StartAsync(time);
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        return portal;
    }

    private static Task SignInAsync(IPage page, string username, string password = Password) => Chromium.SignInAsync(page, username, password);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
