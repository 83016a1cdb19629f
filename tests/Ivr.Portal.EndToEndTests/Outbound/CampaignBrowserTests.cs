using System.Globalization;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Outbound;
using Microsoft.Playwright;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.EndToEndTests.Outbound;

/// <summary>
/// Needs Debian's chromium and a free loopback port (the portal runs in-process): a practice admin opens Campaigns,
/// uploads a patient list with one bad row, sees the row's error with its line and that nothing was saved, fixes the
/// row in the list's box, saves the campaign as a draft, starts it, watches the progress counts change as a call to a
/// patient is confirmed (the call written to the store as the dialler writes it), and downloads the results.
/// </summary>
public sealed class CampaignBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AnAdminUploadsAListWithABadRowFixesItStartsTheCampaignWatchesItsProgressAndExportsTheResults()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        var lastDay = DateTimeOffset.UtcNow.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var folder = Path.Combine(portal.Directory, "upload");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "friday.csv");
        await File.WriteAllTextAsync(file, "name,phone\nAnn Smith,312 555 0100\nBen Jones,555 01\n");

        var page = await chromium.NewPageAsync(portal.BaseAddress);
        const string Test = "campaign";
        await page.GotoAsync("/");
        await Chromium.SignInAsync(page, "ann", Password);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Campaigns", Exact = true }).ClickAsync();
        await Expect(page.Locator("#no-campaigns")).ToBeVisibleAsync();
        await page.Locator("#new-campaign").ClickAsync();

        await page.Locator("#title").FillAsync("Dr. Rivera out Friday");
        await page.Locator("#kind-cancellation").CheckAsync();
        await page.Locator("#words").FillAsync("Your appointment with Dr. Rivera on Friday is cancelled. Press 1 to confirm you heard this.");
        await page.Locator("#callback").FillAsync("312 555 0199");
        await page.Locator("#ends-by").FillAsync(lastDay);
        await page.Locator("#list-file").SetInputFilesAsync(file);
        await page.Locator("#save-campaign").ClickAsync();

        await Expect(page.Locator("#errors")).ToContainTextAsync("Nothing was saved.");
        await Expect(page.Locator("#errors")).ToContainTextAsync("friday.csv:3: '555 01'");
        await Expect(page.Locator("#list")).ToHaveValueAsync("name,phone\nAnn Smith,312 555 0100\nBen Jones,555 01\n");
        Assert.Empty(await portal.Get<ICampaignStore>().ListAsync(null));
        await Screenshots.SaveAsync(page, Test, "1-bad-row");

        await page.Locator("#list").FillAsync("name,phone\nAnn Smith,312 555 0100\nBen Jones,312 555 0101\n");
        await page.Locator("#save-campaign").ClickAsync();
        await Expect(page.Locator("#done")).ToContainTextAsync("Saved as a draft");
        await Expect(page.Locator("#campaign-state")).ToHaveTextAsync("draft");
        await Expect(page.Locator("#words-person")).ToHaveTextAsync("Hello. This is Riverside Pediatrics calling. Your appointment with Dr. Rivera on Friday is cancelled. Press 1 to confirm you heard this.");
        await Expect(page.Locator("#count-waiting")).ToHaveTextAsync("2");
        await Screenshots.SaveAsync(page, Test, "2-draft");

        await page.Locator("#start").ClickAsync();
        await Expect(page.Locator("#campaign-state")).ToHaveTextAsync("running");
        await Expect(page.Locator("#count-confirmed")).ToHaveTextAsync("0");

        // Ann Smith answers and presses 1, as the dialler records it; the open page follows without a reload.
        var store = portal.Get<ICampaignStore>();
        var campaign = Assert.Single(await store.ListAsync(null));
        var ann = (await store.PatientsAsync(campaign.Id))[0];
        var now = DateTimeOffset.UtcNow;
        Assert.True(await store.ClaimAsync(ann.Id, "browser-test", now, now.AddMinutes(5)));
        var attempt = await store.StartAttemptAsync(ann.Id, now, CallingDecision.Now("inside the calling window"));
        await store.SetAmdAsync(attempt, "HUMAN", "HUMAN-5000-2000");
        await store.FinishAttemptAsync(attempt, AttemptResult.Confirmed, "pressed 1", now.AddSeconds(30), CampaignProgress.After(AttemptResult.Confirmed, 1, campaign.Retry, now.AddSeconds(30)));

        await Expect(page.Locator("#count-confirmed")).ToHaveTextAsync("1", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await Expect(page.Locator("#count-done")).ToHaveTextAsync("1");
        await Expect(page.Locator("#count-attempts")).ToHaveTextAsync("1");
        await Expect(page.Locator($"#patients tr[data-patient-id='{ann.Id}']")).ToHaveAttributeAsync("data-progress", "confirmed");
        await Expect(page.Locator($"#patients li[data-attempt-id='{attempt}']")).ToContainTextAsync("AMD HUMAN");
        await Screenshots.SaveAsync(page, Test, "3-progress");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export").ClickAsync());
        Assert.Equal($"campaign-{campaign.Id}-results.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("line,patient,phone,email,appointment,clinician,progress,attempts,last_result", csv, StringComparison.Ordinal);
        Assert.Contains("2,Ann Smith,\"'+13125550100\",,,,confirmed,1,confirmed,", csv, StringComparison.Ordinal);
        Assert.Contains("3,Ben Jones,\"'+13125550101\",,,,waiting,0,,", csv, StringComparison.Ordinal);

        var audit = await portal.Get<IAuditLog>().ListAsync(100);
        Assert.Contains(audit, e => e.Action == "campaign.create" && e.Actor == "portal:ann");
        Assert.Contains(audit, e => e.Action == "campaign.start" && e.Actor == "portal:ann");
        Assert.Contains(audit, e => e.Action == "campaign.stream" && e.Actor == "portal:ann");
        Assert.Contains(audit, e => e.Action == "campaign.export" && e.Actor == "portal:ann");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
