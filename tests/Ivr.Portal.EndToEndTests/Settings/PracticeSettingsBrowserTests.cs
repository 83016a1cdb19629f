using System.Text.RegularExpressions;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Microsoft.Playwright;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.EndToEndTests.Settings;

/// <summary>
/// Needs Debian's chromium and a free loopback port (the portal runs in-process, no Asterisk): a
/// practice admin changes the escalation policy and the hours and the history shows who, before and
/// after; a close-before-open is refused with the form as typed; another practice's admin gets 403.
/// </summary>
public sealed class PracticeSettingsBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";
    private const string Test = "settings";

    [Fact]
    public async Task APracticeAdminChangesEscalationAndHoursSeesThemInTheHistoryAndAMistakeKeepsWhatWasTyped()
    {
        await using var portal = await PortalUnderTest.StartAsync($"--Practices:PromptManifest={Path.Combine(RepositoryFiles.Root, "prompts", "manifest.txt")}");
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        var page = await chromium.NewPageAsync(portal.BaseAddress);

        await page.GotoAsync("/practices");
        await SignInAsync(page, "ann");
        await Expect(page).ToHaveURLAsync(new Regex($"/practices/{PracticeA}/settings$"));
        // No words of its own yet: the greeting shows the manifest's words for its prompt.
        await Expect(page.Locator("#greeting")).ToHaveValueAsync("Thank you for calling the after hours answering service.");
        await Expect(page.Locator("#history li.revision")).ToHaveCountAsync(1);
        await Expect(page.Locator("#hours tr[data-day=monday]")).ToContainTextAsync("closed");
        await Screenshots.SaveAsync(page, Test, "1-loaded");

        await page.Locator("#repeat-seconds").FillAsync("120");
        await page.Locator("#attempts").FillAsync("4");
        await page.Locator("#open-monday-0").FillAsync("08:00");
        await page.Locator("#close-monday-0").FillAsync("17:00");
        await page.Locator("#open-friday-0").FillAsync("08:00");
        await page.Locator("#close-friday-0").FillAsync("12:00");
        await page.Locator("#open-friday-1").FillAsync("13:00");
        await page.Locator("#close-friday-1").FillAsync("17:00");
        await page.Locator("#save").ClickAsync();

        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Settings saved as revision 2");
        var latest = page.Locator("#history li.revision").First;
        await Expect(latest).ToHaveAttributeAsync("data-revision", "2");
        await Expect(latest.Locator(".by")).ToHaveTextAsync("ann");
        await Expect(latest.Locator(".when")).ToContainTextAsync("(-05:00)");
        await Expect(latest.Locator("li[data-setting='Escalation']")).ToHaveTextAsync("Escalation: repeat every 300 s × 3 → repeat every 120 s × 4");
        await Expect(latest.Locator("li[data-setting='Hours Monday']")).ToHaveTextAsync("Hours Monday: closed → 08:00-17:00");
        await Expect(latest.Locator("li[data-setting='Hours Friday']")).ToHaveTextAsync("Hours Friday: closed → 08:00-12:00, 13:00-17:00");
        await Expect(latest.Locator("li.change")).ToHaveCountAsync(3);
        await Expect(page.Locator("#attempts")).ToHaveValueAsync("4");
        await Screenshots.SaveAsync(page, Test, "2-saved-with-history");

        await page.Locator("#open-tuesday-0").FillAsync("17:00");
        await page.Locator("#close-tuesday-0").FillAsync("08:00");
        await page.Locator("#attempts").FillAsync("5");
        await page.Locator("#greeting").FillAsync("Thank you for calling Riverside Pediatrics.");
        await page.Locator("#save").ClickAsync();

        await Expect(page.Locator("#errors")).ToContainTextAsync("Nothing was saved.");
        await Expect(page.Locator("#errors li[data-field='hours.tuesday']")).ToHaveTextAsync("Tuesday: closes at 08:00, which is not after it opens at 17:00.");
        await Expect(page.Locator("#hours tr[data-day=tuesday] .field-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#open-tuesday-0")).ToHaveValueAsync("17:00");
        await Expect(page.Locator("#close-tuesday-0")).ToHaveValueAsync("08:00");
        await Expect(page.Locator("#attempts")).ToHaveValueAsync("5");
        await Expect(page.Locator("#open-friday-1")).ToHaveValueAsync("13:00");
        await Expect(page.Locator("#greeting")).ToHaveValueAsync("Thank you for calling Riverside Pediatrics.");
        await Expect(page.Locator("#history li.revision").First).ToHaveAttributeAsync("data-revision", "2");
        await Screenshots.SaveAsync(page, Test, "3-close-before-open");

        var stored = (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!;
        Assert.Equal((4, "greeting-default"), (stored.Escalation.AttemptsPerContact, stored.GreetingPromptId));
        Assert.Empty(stored.Hours.On(DayOfWeek.Tuesday));
        var audit = await portal.Get<IAuditLog>().ListAsync(50);
        Assert.Contains(audit, e => e.Action == "practice.settings.change" && e.Actor == "portal:ann" && e.SubjectId == PracticeA);
    }

    [Fact]
    public async Task TheAdminOfAnotherPracticeIsRefusedThisPracticesSettingsWithAnAuditEntry()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("bob", Password, PortalRole.PracticeAdmin, PracticeB);
        var page = await chromium.NewPageAsync(portal.BaseAddress);

        await page.GotoAsync("/practices");
        await SignInAsync(page, "bob");
        await Expect(page).ToHaveURLAsync(new Regex($"/practices/{PracticeB}/settings$"));
        var response = await page.GotoAsync($"/practices/{PracticeA}/settings");

        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("#settings")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, Test, "4-other-practice-403");
        var api = await page.APIRequest.GetAsync($"/api/practices/{PracticeA}/settings");
        Assert.Equal(403, api.Status);
        var denied = (await portal.Get<IAuditLog>().ListAsync(50)).Where(e => e.Action == "practice.denied").ToArray();
        Assert.Equal(2, denied.Length);
        Assert.All(denied, e => Assert.Equal(("portal:bob", PracticeA), (e.Actor, e.SubjectId)));
    }

    private static Task SignInAsync(IPage page, string username, string password = Password) => Chromium.SignInAsync(page, username, password);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
