using System.Globalization;
using System.Text.RegularExpressions;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Microsoft.Playwright;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.EndToEndTests.OnCall;

/// <summary>
/// Needs Debian's chromium and a free loopback port (the portal runs in-process, no Asterisk): a
/// practice admin sees that nobody is primary until a rotation starts, covers it with an override,
/// and the warning goes; the covering clinician's calendar feed carries the shift.
/// </summary>
public sealed class OverrideBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task APracticeAdminSeesTheGapWarningAddsAnOverrideAndTheWarningGivesWayToTheOverrideInTheCalendar()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        var rotationStart = await SeedRotationStartingInTwoDaysAsync(portal);
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        var page = await chromium.NewPageAsync(portal.BaseAddress);
        const string Test = "oncall";

        await page.GotoAsync("/oncall");
        await SignInAsync(page, "ann");
        await Expect(page).ToHaveURLAsync(new Regex($"/oncall/{PracticeA}$"));
        await Expect(page.Locator("#findings li[data-kind=NoPrimary]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#findings")).ToContainTextAsync("no primary on call");
        await Expect(page.Locator("#calendar tr[data-layer=primary] .shift.gap").First).ToContainTextAsync("nobody");
        await Expect(page.Locator("#calendar tr[data-layer=backup]")).ToContainTextAsync("Dr. Amy Lee");
        await Screenshots.SaveAsync(page, Test, "1-gap-warning");

        var today = rotationStart.AddDays(-2);
        await page.Locator("#override-clinician").SelectOptionAsync("dr-patel");
        await page.Locator("#override-layer").SelectOptionAsync("primary");
        await page.Locator("#override-from").FillAsync($"{today:yyyy-MM-dd}T00:00");
        await page.Locator("#override-until").FillAsync($"{rotationStart:yyyy-MM-dd}T08:00");
        await page.Locator("#override-reason").FillAsync("covering until the rotation starts");
        await Screenshots.SaveAsync(page, Test, "2-override-form");
        await page.Locator("#add").ClickAsync();

        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Override added");
        await Expect(page.Locator("#findings")).ToHaveCountAsync(0);
        await Expect(page.Locator("#schedule-ok")).ToBeVisibleAsync();
        await Expect(page.Locator("#overrides tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#overrides tbody tr")).ToContainTextAsync("Dr. Raj Patel");
        var todayCell = page.Locator($"#calendar tr[data-layer=primary] td[data-date='{today:yyyy-MM-dd}']");
        await Expect(todayCell.Locator(".shift.override")).ToContainTextAsync("Dr. Raj Patel");
        await Expect(todayCell.Locator(".shift.gap")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, Test, "3-covered");

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Month", Exact = true }).ClickAsync();
        await Expect(page.Locator("#calendar.month")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, Test, "4-month");

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Dr. Raj Patel" }).ClickAsync();
        await Expect(page.Locator("#shifts")).ToContainTextAsync("On call: Riverside Pediatrics (primary)");
        var feedUrl = await page.Locator("#feed-url").GetAttributeAsync("href");
        await Screenshots.SaveAsync(page, Test, "5-clinician-feed");

        // A calendar app has no sign-in: a fresh browser context fetches the feed.
        var outsider = await chromium.NewPageAsync(portal.BaseAddress);
        var feed = await outsider.APIRequest.GetAsync(feedUrl!);
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("text/calendar", feed.Headers["content-type"], StringComparison.Ordinal);
        var body = await feed.TextAsync();
        Assert.Contains("BEGIN:VCALENDAR\r\n", body, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:On call: Riverside Pediatrics (primary)\r\n", body, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{today:yyyyMMdd}T0", body, StringComparison.Ordinal);
        Assert.Equal(404, (await outsider.APIRequest.GetAsync("/calendar/not-a-real-token.ics")).Status);

        var audit = await portal.Get<IAuditLog>().ListAsync(50);
        Assert.Contains(audit, e => e.Action == "oncall.override.add" && e.Actor == "portal:ann");
        Assert.Contains(audit, e => e.Action == "oncall.feed.create" && e.SubjectId == "dr-patel");
    }

    /// <summary>Primary rotates daily from 08:00 two days from today (so nobody is primary until then); Dr. Lee is backup all along.</summary>
    private static async Task<DateOnly> SeedRotationStartingInTwoDaysAsync(PortalUnderTest portal)
    {
        var store = portal.Get<IPracticeStore>();
        var practice = (await store.GetAsync(PracticeA))!;
        var today = DateOnly.FromDateTime(practice.Clock().Local(DateTimeOffset.UtcNow));
        var start = today.AddDays(2);
        practice = practice with
        {
            Clinicians = practice.Clinicians.Select(c => c with { Contacts = [new ContactMethod(ContactKind.Phone, "+15550100" + c.Id.Length.ToString(CultureInfo.InvariantCulture), Verified: true)] }).ToArray(),
            Rotations =
            [
                new Rotation("physicians", Layers.Primary, RotationPeriod.Daily, new TimeOnly(8, 0), DayOfWeek.Monday, start, ["dr-lee", "dr-patel"]),
                new Rotation("backup", Layers.Backup, RotationPeriod.Weekly, new TimeOnly(8, 0), DayOfWeek.Monday, today.AddDays(-14), ["dr-lee"]),
            ],
        };
        await store.SaveAsync(practice, "test");
        return start;
    }

    private static Task SignInAsync(IPage page, string username, string password = Password) => Chromium.SignInAsync(page, username, password);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
