using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Ivr.Domain.Accounts;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Ivr.Domain.Outbound;
using Ivr.Testing.Desk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using OtpNet;
using static Ivr.Testing.PortalUnderTest;
using static Microsoft.Playwright.Assertions;

namespace Ivr.Portal.EndToEndTests.Accessibility;

/// <summary>
/// Needs Debian's chromium and a free loopback port (the portal runs in-process with a scripted desk,
/// no Asterisk): every portal page, signed in as the supervisor (who sees them all, the desk included),
/// passes axe-core with no serious or critical violation. Operators work all night with the keyboard
/// and screen readers; practices' staff use the same pages.
/// </summary>
public sealed class AccessibilityBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task EveryPortalPageHasNoSeriousOrCriticalAccessibilityViolation()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await PortalUnderTest.StartAsync(null, services =>
        {
            services.RemoveAll<IDeskBoard>();
            services.AddSingleton<IDeskBoard>(board);
        });
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sue", Password, PortalRole.Supervisor);
        await portal.RequireSecondFactorAsync(PortalRole.Supervisor);
        var message = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent);
        await portal.SeedMessageAsync(PracticeB, Urgency.Routine, minutesAfter: 5, withRecording: false);
        var callId = (await portal.Get<IMessageStore>().GetAsync(message))!.CallId;
        var campaign = await portal.Get<ICampaignStore>().CreateAsync(
            new Campaign { PracticeId = PracticeA, Title = "Dr. Rivera out Friday", Kind = CampaignKind.Reschedule, Words = "Your appointment on Friday is cancelled.", CallbackNumber = "3125550100", TimeZone = "America/New_York", EndsBy = DateTimeOffset.UtcNow.AddDays(3), CreatedBy = "sue" },
            [new CampaignPatient(2, "Ann Smith", "+13125550101", null, null, null)],
            [DateTime.UtcNow.Date.AddDays(2).AddHours(9)],
            [null]);
        var page = await chromium.NewPageAsync(portal.BaseAddress);
        var found = new List<string>();

        await page.GotoAsync("/signin");
        await CheckAsync(page, "sign-in", found);
        await Chromium.SignInAsync(page, "sue", Password);
        await Expect(page).ToHaveURLAsync(new Regex("/account/second-factor$"));
        await CheckAsync(page, "second factor (enrol)", found);
        var secret = (await page.Locator("#totp-secret").TextContentAsync())!.Trim();
        await page.Locator("#code").FillAsync(Code(secret, DateTime.UtcNow));
        await page.Locator("button[type=submit]", new PageLocatorOptions { HasText = "Confirm" }).ClickAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await page.Locator("button", new PageLocatorOptions { HasText = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await Chromium.SignInAsync(page, "sue", Password);
        await Expect(page).ToHaveURLAsync(new Regex("/signin/second-factor$"));
        await CheckAsync(page, "second factor (verify)", found);
        await page.Locator("#code").FillAsync(Code(secret, DateTime.UtcNow.AddSeconds(30)));
        await page.Locator("button[type=submit]", new PageLocatorOptions { HasText = "Verify" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/messages$"));

        foreach (var (name, path) in new[]
        {
            ("inbox", "/messages"),
            ("message", $"/messages/{message}"),
            ("calls", "/calls"),
            ("call detail", $"/calls/{callId}"),
            ("on-call", "/oncall"),
            ("on-call of a practice", $"/oncall/{PracticeA}"),
            ("settings", "/practices"),
            ("settings of a practice", $"/practices/{PracticeA}/settings"),
            ("reports", "/reports"),
            ("users", "/users"),
            ("audit", "/audit"),
            ("account", "/account"),
            ("live", "/live"),
            ("campaigns", "/campaigns"),
            ("new campaign", "/campaigns/new"),
            ("prompts", "/prompts"),
            ("prompts of a practice", $"/prompts/{PracticeA}"),
            ("campaign", $"/campaigns/{campaign}"),
            ("a patient's link that does not work", "/confirm/not-a-link"),
            ("not found", "/messages/999999"),
        })
        {
            await page.GotoAsync(path);
            await CheckAsync(page, name, found);
        }

        await page.GotoAsync("/desk");
        await Expect(page.Locator("#desk-status")).ToHaveTextAsync("Signed out of the desk");
        await CheckAsync(page, "desk", found);
        await page.Keyboard.PressAsync("Alt+Shift+A");
        await Expect(page.Locator("#desk-status")).ToHaveTextAsync("Available");
        board.Offer("sue", InMemoryDeskBoard.Call("1795360542.51", DateTimeOffset.UtcNow));
        await Expect(page.Locator("#card-greeting")).Not.ToBeEmptyAsync();
        await CheckAsync(page, "desk with a call offered", found);
        board.Answer("sue");
        await Expect(page.Locator("#desk-form")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Alt+Shift+S");
        await Expect(page.Locator("#form-urgency-urgent")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.Keyboard.PressAsync("Alt+Shift+P");
        await Expect(page.Locator("#patch-steps li")).ToHaveCountAsync(1);
        await CheckAsync(page, "desk on a call, form refused, patching", found);

        Assert.True(found.Count == 0, "serious or critical accessibility violations:\n" + string.Join("\n", found));
    }

    private static async Task CheckAsync(IPage page, string name, List<string> found)
    {
        var result = await page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            found.Add($"{name} ({page.Url}): {violation.Id} ({violation.Impact}) {violation.Help}: {string.Join("; ", violation.Nodes.Select(n => n.Html).Take(3))}");
        }
    }

    private static string Code(string secret, DateTime at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at);
}
