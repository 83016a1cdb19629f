using System.Text.RegularExpressions;
using Ivr.Domain.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.Portal.EndToEndTests.Accounts;

/// <summary>
/// Needs Debian's chromium and a free loopback port (the portal runs in-process, no Asterisk): a page
/// left alone warns a minute before the idle timeout, staying signed in starts the count again, and
/// past the timeout the page goes to the sign-in page. The browser's clock is Playwright's, moved on by the test.
/// </summary>
public sealed class IdleSignOutBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task APageLeftAloneWarnsAMinuteBeforeTheIdleTimeoutAndThenGoesToSignIn()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.AddUserAsync("sue", Password, PortalRole.Supervisor);
        var page = await chromium.NewPageAsync(portal.BaseAddress);
        await page.Clock.InstallAsync();

        await page.GotoAsync("/account");
        await Chromium.SignInAsync(page, "sue", Password);
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.Locator("#idle-warning")).ToBeHiddenAsync();

        await page.Clock.RunForAsync("14:05");
        await Expect(page.Locator("#idle-warning")).ToBeVisibleAsync();
        await Expect(page.Locator("#idle-warning")).ToHaveAttributeAsync("role", "alert");
        await Screenshots.SaveAsync(page, "idle", "1-warning");
        await page.Locator("#idle-stay").ClickAsync();
        await Expect(page.Locator("#idle-warning")).ToBeHiddenAsync();
        await page.Clock.RunForAsync("13:00");
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.Locator("#idle-warning")).ToBeHiddenAsync();

        await page.Clock.RunForAsync("02:10");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?idle=true$"));
    }
}
