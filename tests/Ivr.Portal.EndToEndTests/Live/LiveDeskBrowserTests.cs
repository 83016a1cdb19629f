using Ivr.Domain.Accounts;
using Ivr.Domain.Desk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.EndToEndTests.Live;

/// <summary>
/// Needs Debian's chromium and a free loopback port (the portal runs in-process with a
/// <see cref="FakeDeskBoard"/>, no Asterisk): the supervisor's live view redraws the desk as it
/// changes, without a reload: callers waiting, the longest wait, each operator's status and call.
/// </summary>
public sealed class LiveDeskBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task TheSupervisorSeesCallersWaitingAndOperatorsChangeOnTheLivePageWithoutAReload()
    {
        var board = new FakeDeskBoard();
        var now = DateTimeOffset.UtcNow;
        board.Set([], [new DeskOperatorState("kai", OperatorStatus.Available, null, now, null, null)], now);
        await using var portal = await PortalUnderTest.StartAsync(null, services => services.AddSingleton<IDeskBoard>(board));
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        var page = await chromium.NewPageAsync(portal.BaseAddress);
        const string Test = "live-desk";

        await page.GotoAsync("/live");
        await Chromium.SignInAsync(page, "sam", Password);
        await page.GotoAsync("/live");
        await Expect(page.Locator("#desk-waiting")).ToContainTextAsync("Nobody is waiting.");
        await Expect(page.Locator("#desk-longest")).ToHaveTextAsync("none");
        await Expect(page.Locator("#desk-operators tr[data-operator=kai] .status")).ToHaveTextAsync("available");

        // A routine caller has waited 70 s and an urgent one (first in the desk's order) rings kai.
        board.Set(
            [
                new DeskWaiting("1795360542.2", PracticeB, DeskPriority.Urgent, now.AddSeconds(-5), "kai"),
                new DeskWaiting("1795360542.1", PracticeA, DeskPriority.Routine, now.AddSeconds(-70), null),
            ],
            [new DeskOperatorState("kai", OperatorStatus.Offered, null, now, "1795360542.2", PracticeB)],
            now);

        var rows = page.Locator("#desk-waiting tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-priority", "urgent");
        await Expect(rows.Nth(0)).ToContainTextAsync("Harbor Internal Medicine");
        await Expect(rows.Nth(0).Locator(".offered-to")).ToHaveTextAsync("kai");
        await Expect(rows.Nth(1).Locator(".offered-to")).ToHaveTextAsync("nobody yet");
        await Expect(page.Locator("#desk-waiting-count")).ToHaveTextAsync("2");
        await Expect(page.Locator("#desk-longest")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^1:[1-5]\\d$"));
        var kai = page.Locator("#desk-operators tr[data-operator=kai]");
        await Expect(kai.Locator(".status")).ToHaveTextAsync("offered");
        await Expect(kai.Locator(".call")).ToHaveTextAsync("Harbor Internal Medicine · 1795360542.2");
        await Screenshots.SaveAsync(page, Test, "1-callers-waiting");

        board.Set([], [new DeskOperatorState("kai", OperatorStatus.OnBreak, "lunch", now, null, null)], now);
        await Expect(page.Locator("#desk-waiting")).ToContainTextAsync("Nobody is waiting.");
        await Expect(page.Locator("#desk-longest")).ToHaveTextAsync("none");
        await Expect(kai.Locator(".status")).ToHaveTextAsync("on break (lunch)");
    }

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
