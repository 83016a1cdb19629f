using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Microsoft.Playwright;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.EndToEndTests.Reports;

/// <summary>
/// Needs Debian's chromium and a free loopback port (the portal runs in-process, no Asterisk): the
/// supervisor opens Reports, picks a practice and a month, sees the calls placed in the test on
/// their day, the time to acknowledge, the billable minutes rounded per call and the desk's figures
/// (SL, SL2, waits, occupancy), and downloads the billing CSV.
/// </summary>
public sealed class ReportsBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";

    /// <summary>When <see cref="PortalUnderTest.SeedMessageAsync"/> places its first call: 02:10 on 22 November in New York.</summary>
    private static readonly DateTimeOffset Night = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheSupervisorSeesThePracticesCallsOnTheirDayTheTimeToAcknowledgeAndBillableMinutesRoundedPerCallAndDownloadsTheCsv()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        // Two after-hours calls of 39 billable seconds (a minute each), one acknowledged 7 minutes after it came in ...
        var urgent = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, withRecording: false);
        await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 3, withRecording: false);
        await portal.Get<IDispatchStore>().AdvanceAsync(urgent, MessageStatus.Acknowledged, "dr-lee", "acknowledged in the portal", Night.AddMinutes(7));
        // ... and one in business hours of 61 seconds: two minutes, so 4 in all (the seconds summed would round to 3).
        await PlaceCallAsync(portal, Night.AddHours(8), billableSeconds: 61);
        await portal.SeedDeskAsync();

        var page = await chromium.NewPageAsync(portal.BaseAddress);
        const string Test = "reports";
        await page.GotoAsync("/");
        await Chromium.SignInAsync(page, "sam", Password);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Reports", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Reports · every practice");
        await Expect(page.Locator("#calls-per-day")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, Test, "1-every-practice");

        await page.Locator("#month").FillAsync("2026-11");
        await page.Locator("#practice").SelectOptionAsync(PracticeA);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();

        await Expect(page.Locator("h1")).ToContainTextAsync("Reports · Riverside Pediatrics · November 2026");
        await Expect(page.Locator("#total-calls")).ToHaveTextAsync("3");
        await Expect(page.Locator("#after-hours")).ToHaveTextAsync("2");
        var day = page.Locator("#calls-per-day g[data-day='2026-11-22']");
        await Expect(day).ToHaveAttributeAsync("data-count", "3");
        await Expect(day.Locator("text.count")).ToHaveTextAsync("3");
        await Expect(page.Locator("#calls-per-day g[data-day='2026-11-21']")).ToHaveAttributeAsync("data-count", "0");
        await Expect(page.Locator("#calls-per-hour g[data-hour='2']")).ToHaveAttributeAsync("data-count", "2");
        await Expect(page.Locator("#response-times tr[data-measure=acknowledge]")).ToContainTextAsync("7 min 00 s");
        var bill = page.Locator($"#billing tr[data-practice={PracticeA}]");
        await Expect(bill.Locator("td").Nth(2)).ToHaveTextAsync("139");
        await Expect(bill.Locator(".minutes")).ToHaveTextAsync("4");
        await Expect(page.Locator("#billing-rule")).ToContainTextAsync("rounded up to the next whole minute");
        var desk = page.Locator($"#desk tr[data-practice={PracticeA}]");
        await Expect(desk.Locator(".target")).ToHaveTextAsync("80 % within 20 s");
        await Expect(desk.Locator(".offered")).ToHaveTextAsync("4");
        await Expect(desk.Locator(".answered")).ToHaveTextAsync("2");
        await Expect(desk.Locator(".abandoned")).ToHaveTextAsync("1");
        await Expect(desk.Locator(".left-message")).ToHaveTextAsync("1");
        await Expect(desk.Locator(".p90-wait")).ToHaveTextAsync("25 s");
        await Expect(desk.Locator(".sl")).ToHaveTextAsync("50 %");
        await Expect(desk.Locator(".sl")).ToHaveAttributeAsync("data-met", "false");
        await Expect(desk.Locator(".sl2")).ToHaveTextAsync("66.6 %");
        await Expect(page.Locator("#desk-occupancy")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, Test, "2-practice-month");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#billing-csv").ClickAsync());
        Assert.Equal($"billing-2026-11-{PracticeA}.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal($"practice_id,practice_name,month,calls,billable_minutes\r\n{PracticeA},Riverside Pediatrics,2026-11,3,4\r\n", csv);

        // Every practice: the overall row measures each caller against their own practice's target, and occupancy shows.
        await page.Locator("#practice").SelectOptionAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Reports · every practice · November 2026");
        var overall = page.Locator("#desk tr[data-practice='*']");
        await Expect(overall.Locator(".target")).ToHaveTextAsync("each practice's own");
        await Expect(overall.Locator(".offered")).ToHaveTextAsync("6");
        await Expect(overall.Locator(".sl")).ToHaveTextAsync("66.6 %");
        await Expect(overall.Locator(".sl2")).ToHaveTextAsync("60 %");
        await Expect(page.Locator($"#desk tr[data-practice={PracticeB}] .sl")).ToHaveTextAsync("100 %");
        await Expect(page.Locator("#desk-occupancy tr[data-operator=kai] .occupancy")).ToHaveTextAsync("10 %");
        await Expect(page.Locator("#desk-occupancy tr[data-operator='*'] .occupancy")).ToHaveTextAsync("12 %");
        await Screenshots.SaveAsync(page, Test, "3-every-practice-desk");

        // A month without desk calls says so, and shows nothing measured as none.
        await page.Locator("#month").FillAsync("2026-10");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#desk")).ToContainTextAsync("No callers reached the desk this month.");
        await Expect(page.Locator("#desk tr[data-practice='*'] .sl")).ToHaveTextAsync("none");
        await Expect(page.Locator("#desk tr[data-practice='*'] .average-wait")).ToHaveTextAsync("none");

        var audit = await portal.Get<IAuditLog>().ListAsync(50);
        Assert.Contains(audit, e => e.Action == "report.view" && e.Actor == "portal:sam" && e.SubjectId == PracticeA);
        Assert.Contains(audit, e => e.Action == "report.billing" && e.Actor == "portal:sam" && e.SubjectId == PracticeA);
    }

    private static async Task PlaceCallAsync(PortalUnderTest portal, DateTimeOffset at, int billableSeconds)
    {
        var calls = portal.Get<ICallRecordStore>();
        var id = await calls.StartAsync(new CallRecord { UniqueId = "1763824200.99", PracticeId = PracticeA, DialedNumber = "15550100", StartedAt = at, CoverageMode = "after-hours", RouteReason = "business hours Sun 08:00-17:00: the office takes the call; the service answers only if it does not" });
        await calls.MarkAnsweredAsync(id, at.AddSeconds(5));
        await calls.CompleteAsync(id, at.AddSeconds(5 + billableSeconds), "connected", "connected to clinician dr-patel");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
