using System.Text.RegularExpressions;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Desk;
using Ivr.Testing.Desk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.Portal.EndToEndTests.Desk;

/// <summary>
/// Needs Debian's chromium and a free loopback port (the portal runs in-process with a scripted desk
/// board playing telephony's part, no Asterisk): an operator's call at the desk, worked with the keyboard.
/// </summary>
public sealed class DeskBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";
    private const string Greeting = "Riverside Pediatrics answering service, this is Sam, how can I help?";

    [Fact]
    public async Task AnOperatorTakesACallFromOfferToReleaseWithTheKeyboardAndLosesNothingTypedToAnError()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await StartAsync(board);
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        var page = await chromium.NewPageAsync(portal.BaseAddress);
        const string Test = "desk";

        await page.GotoAsync("/");
        await Chromium.SignInAsync(page, "sam", Password);
        await Expect(page).ToHaveURLAsync(new Regex("/desk$"));
        await Expect(page.Locator("#desk-status")).ToHaveTextAsync("Signed out of the desk");
        await Expect(page.Locator(".desk-keys")).ToContainTextAsync("Alt+Shift+R");

        // The stream is open once the page shows the pushed view; then the desk's keys work.
        await page.Keyboard.PressAsync("Alt+Shift+A");
        await Expect(page.Locator("#desk-status")).ToHaveTextAsync("Available");
        Assert.Equal(OperatorStatus.Available, board.View("sam").Status);
        await Screenshots.SaveAsync(page, Test, "1-available");

        board.Offer("sam", InMemoryDeskBoard.Call("1795360542.31", DateTimeOffset.UtcNow.AddSeconds(-12)));
        await Expect(page.Locator("#card-greeting")).ToHaveTextAsync(Greeting);
        await Expect(page.Locator("#desk-announce")).ToContainTextAsync("Call offered: Riverside Pediatrics, urgent");
        await Expect(page.Locator("#card-caller")).ToHaveTextAsync("5551234567");
        await Expect(page.Locator("#card-oncall li").First).ToHaveTextAsync("Dr. Amy Lee (on call tonight)");
        await Expect(page.Locator("#card-path li")).ToHaveCountAsync(3);
        await Expect(page.Locator("#card-open")).ToHaveTextAsync("closed now");
        await Expect(page.Locator("#desk-form")).ToBeHiddenAsync();
        await Expect(page.Locator("#desk-office")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, Test, "2-offered");

        board.Answer("sam");
        await Expect(page.Locator("#desk-form")).ToBeVisibleAsync();
        // Keyboard only: to the form, then field by field; the patient's name is left out.
        await page.Keyboard.PressAsync("Alt+Shift+M");
        await Expect(page.Locator("#form-callerName")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Maria Ortiz");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("2019-04-01");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("555 987 6543");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("fever of 40 since noon");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Alt+Shift+S");

        await Expect(page.Locator("#form-patientName-error")).ToHaveTextAsync("the patient's name is needed");
        await Expect(page.Locator("#form-patientName")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#form-patientName")).ToHaveAttributeAsync("aria-describedby", "form-patientName-error");
        await Expect(page.Locator("#form-patientName")).ToBeFocusedAsync();
        await Expect(page.Locator("#form-callerName")).ToHaveValueAsync("Maria Ortiz");
        await Expect(page.Locator("#form-reason")).ToHaveValueAsync("fever of 40 since noon");
        await Expect(page.Locator("#form-urgency-urgent")).ToBeCheckedAsync();
        await Screenshots.SaveAsync(page, Test, "3-error-beside-the-field");

        // A reload (or a browser that closed mid-call) finds the call and the draft still there.
        await page.ReloadAsync();
        await Expect(page.Locator("#form-callerName")).ToHaveValueAsync("Maria Ortiz");
        await Expect(page.Locator("#form-callbackReadBack")).ToBeCheckedAsync();
        await page.Locator("#form-patientName").FillAsync("Leo Ortiz");
        await page.Keyboard.PressAsync("Alt+Shift+S");
        await Expect(page.Locator("#desk-saved")).ToHaveTextAsync("Message 101 saved.");
        await Expect(page.Locator("#form-patientName")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        var saved = board.Saved["1795360542.31"];
        Assert.Equal(("Maria Ortiz", "Leo Ortiz", "555 987 6543", true, Domain.Messages.Urgency.Urgent), (saved.CallerName, saved.PatientName, saved.CallbackNumber, saved.CallbackReadBack, saved.Urgency));
        await Screenshots.SaveAsync(page, Test, "4-saved");

        await page.Keyboard.PressAsync("Alt+Shift+P");
        await Expect(page.Locator("#patch-steps li")).ToHaveTextAsync(["Dr. Amy Lee: ringing"]);
        await Expect(page.Locator("#desk-patch")).ToBeDisabledAsync();
        board.PatchStep("sam", "declined");
        await Expect(page.Locator("#patch-steps li")).ToHaveTextAsync(["Dr. Amy Lee: declined", "Dr. Raj Patel: ringing"]);
        board.PatchStep("sam", "accepted");
        await Expect(page.Locator("#patch-state")).ToHaveTextAsync("The doctor is in the call.");
        board.Notify("sam", "The caller hung up.");
        await Expect(page.Locator("#desk-notice[role=alert]")).ToHaveTextAsync("The caller hung up.");
        await Screenshots.SaveAsync(page, Test, "5-patched");

        await page.Keyboard.PressAsync("Alt+Shift+R");
        await Expect(page.Locator("#desk-status")).ToHaveTextAsync("Wrap-up");
        await Expect(page.Locator("#desk-call")).ToBeHiddenAsync();
        Assert.Equal("released", board.Ended["1795360542.31"]);
        await Screenshots.SaveAsync(page, Test, "6-wrap-up");

        var audit = await portal.Get<IAuditLog>().ListAsync(100);
        Assert.Contains(audit, e => e.Action == "desk.card" && e.SubjectId == "31" && e.Actor == "portal:sam");
        Assert.Contains(audit, e => e.Action == "desk.patch" && e.SubjectId == "31");
        Assert.Contains(audit, e => e.Action == "desk.release" && e.SubjectId == "31");
        Assert.DoesNotContain(audit, e => e.Detail.Contains("Ortiz", StringComparison.Ordinal) || e.Detail.Contains("5551234567", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APausedOperatorSeesWhyAndABreakNeedsItsReason()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await StartAsync(board);
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        var page = await chromium.NewPageAsync(portal.BaseAddress);

        await page.GotoAsync("/desk");
        await Chromium.SignInAsync(page, "sam", Password);
        await Expect(page.Locator("#desk-status")).ToHaveTextAsync("Signed out of the desk");
        await page.Keyboard.PressAsync("Alt+Shift+A");
        await Expect(page.Locator("#desk-status")).ToHaveTextAsync("Available");
        board.Offer("sam", InMemoryDeskBoard.Call("1795360542.32", DateTimeOffset.UtcNow));
        await Expect(page.Locator("#card-greeting")).ToHaveTextAsync(Greeting);
        board.RingOut("sam");

        await Expect(page.Locator("#desk-status")).ToHaveTextAsync("Paused: you did not answer a call within 15 s");
        await Expect(page.Locator("#desk-call")).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("Alt+Shift+B");
        await Expect(page.Locator("#desk-status-error")).ToHaveTextAsync("Type the reason for your break first.");
        await Expect(page.Locator("#desk-break-reason")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("coffee");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#desk-status")).ToHaveTextAsync("On break: coffee");
        await Screenshots.SaveAsync(page, "desk-paused", "1-on-break");
    }

    private static async Task<PortalUnderTest> StartAsync(InMemoryDeskBoard board)
    {
        var portal = await PortalUnderTest.StartAsync(null, services =>
        {
            services.RemoveAll<IDeskBoard>();
            services.AddSingleton<IDeskBoard>(board);
        });
        await portal.SeedPracticesAsync();
        return portal;
    }
}
