using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Ivr.Data.Triage;
using Ivr.Domain.Accounts;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Ivr.Domain.Triage;
using Ivr.Testing.Desk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ivr.Portal.EndToEndTests.Triage;

/// <summary>
/// Needs Debian's chromium and a free loopback port (the portal runs in-process with a scripted desk board
/// playing telephony's part and the example protocols, no Asterisk): a nurse triages her desk call with the
/// keyboard: the search, the questions, back, a reload, the override, the note and the summary; then the
/// practice's physician marks the downgrade reviewed on the review list. Each screen passes axe-core with no
/// serious or critical violation.
/// </summary>
public sealed class TriageBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task ANurseSearchesAsksOverridesDownAndFinishesWithTheKeyboardAndTheSummarySaysWhatHappens()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await StartAsync(board);
        await portal.AddUserAsync("garcia", Password, PortalRole.Nurse);
        var call = await portal.Get<ICallRecordStore>().StartAsync(new CallRecord { UniqueId = "1795360542.77", PracticeId = PortalUnderTest.PracticeA, DialedNumber = "15550100", CallerId = "5551234567", StartedAt = DateTimeOffset.UtcNow });
        await board.SetStatusAsync("garcia", OperatorStatus.Available, null);
        board.Offer("garcia", InMemoryDeskBoard.Call("1795360542." + call.ToString(CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddSeconds(-30)));
        board.Answer("garcia");
        var page = await chromium.NewPageAsync(portal.BaseAddress);
        var found = new List<string>();
        const string Test = "triage";

        await page.GotoAsync("/");
        await Chromium.SignInAsync(page, "garcia", Password);
        await Expect(page).ToHaveURLAsync(new Regex("/desk$"));
        await Expect(page.Locator("#desk-triage")).ToBeVisibleAsync();
        await page.Locator("#desk-triage").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/triage$"));
        await Expect(page.Locator("#card-greeting")).ToHaveTextAsync("Riverside Pediatrics answering service, this is Sam, how can I help?");
        await Expect(page.Locator("#triage-question-section")).ToBeHiddenAsync();
        await CheckAsync(page, "triage before a protocol", found);

        // The search, by keyboard: the example is marked where it is found.
        await page.Keyboard.PressAsync("Alt+Shift+F");
        await Expect(page.Locator("#triage-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("fever");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#triage-found li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#triage-found li")).ToContainTextAsync("Fever in a child");
        await Expect(page.Locator("#triage-found li .badge.example")).ToHaveTextAsync("Example, not for clinical use");
        await page.Locator("#triage-found button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#triage-protocol-title")).ToHaveTextAsync("Fever in a child (version 1)");
        await Expect(page.Locator("#triage-example")).ToBeVisibleAsync();
        await Expect(page.Locator("#triage-progress")).ToHaveTextAsync("Question 1 of 7");
        await Expect(page.Locator("#triage-question")).ToContainTextAsync("struggling to breathe");
        await Screenshots.SaveAsync(page, Test, "1-first-question");
        await CheckAsync(page, "triage asking", found);

        // One question at a time: no, then yes reaches the disposition with its advice; back undoes it.
        await page.Keyboard.PressAsync("Alt+Shift+N");
        await Expect(page.Locator("#triage-progress")).ToHaveTextAsync("Question 2 of 7");
        await page.Keyboard.PressAsync("Alt+Shift+Y");
        await Expect(page.Locator("#triage-reached-words")).ToHaveTextAsync("go to the emergency department now");
        await Expect(page.Locator("#triage-advice")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#triage-asking")).ToBeHiddenAsync();
        await Expect(page.Locator("#triage-acts")).ToContainTextAsync("pages the on-call physician at once");
        await page.Keyboard.PressAsync("Alt+Shift+B");
        await Expect(page.Locator("#triage-progress")).ToHaveTextAsync("Question 2 of 7");
        // The progress still says question 2 while the disposition shows: the question itself coming back is what says back is done.
        await Expect(page.Locator("#triage-asking")).ToBeVisibleAsync();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await page.Keyboard.PressAsync("Alt+Shift+N");
        }

        await Expect(page.Locator("#triage-progress")).ToHaveTextAsync("Question 5 of 7");
        await page.Keyboard.PressAsync("Alt+Shift+Y");
        await Expect(page.Locator("#triage-reached-words")).ToHaveTextAsync("see today");
        await Expect(page.Locator("#triage-final-urgency")).ToHaveTextAsync("urgent");

        // The triage lives on the server: a reload shows the same.
        await page.ReloadAsync();
        await Expect(page.Locator("#triage-reached-words")).ToHaveTextAsync("see today");
        await Expect(page.Locator("#triage-used > li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#triage-used li li")).ToHaveCountAsync(5);
        await Screenshots.SaveAsync(page, Test, "2-disposition");
        await CheckAsync(page, "triage with a disposition", found);

        // A downgrade needs its reason, then lands on the physician's review list.
        await page.Keyboard.PressAsync("Alt+Shift+O");
        await Expect(page.Locator("#triage-override-to")).ToBeFocusedAsync();
        await page.Locator("#triage-override-to").SelectOptionAsync("within-24-hours");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#triage-error")).ToContainTextAsync("reason");
        await page.Locator("#triage-override-reason").FocusAsync();
        await page.Keyboard.TypeAsync("drinking well now, wet nappy an hour ago");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#triage-override-state")).ToContainTextAsync("Overridden down by garcia");
        await Expect(page.Locator("#triage-override-state")).ToContainTextAsync("review list");
        await Expect(page.Locator("#triage-final-urgency")).ToHaveTextAsync("routine");
        await Expect(page.Locator("#triage-yes")).ToBeHiddenAsync();

        // The note and the patient fields; a field left out is refused beside it and nothing typed is lost.
        await page.Keyboard.PressAsync("Alt+Shift+T");
        await page.Keyboard.TypeAsync("mother will call back if worse");
        await page.Keyboard.PressAsync("Alt+Shift+E");
        await Expect(page.Locator("#form-callerName")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Maria Ortiz");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("2019-04-01");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("555 987 6543");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#form-patientName")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#form-patientName")).ToBeFocusedAsync();
        await Expect(page.Locator("#form-callerName")).ToHaveValueAsync("Maria Ortiz");
        await CheckAsync(page, "triage finish refused", found);
        await page.Keyboard.TypeAsync("Leo Ortiz");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#triage-summary-text")).ToContainTextAsync("Finished: see within 24 hours. A routine message goes in the morning report");
        await Expect(page.Locator("#triage-summary-text")).ToContainTextAsync("the downgrade is on the on-call physician's review list");
        await Expect(page.Locator("#triage-finish-section")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, Test, "3-finished");
        await CheckAsync(page, "triage finished", found);

        var messages = await portal.Get<IMessageStore>().ForCallAsync(call);
        var message = Assert.Single(messages);
        Assert.Equal("triage: see within 24 hours, fever in a child, nurse garcia; downgraded from see today: for the on-call physician's review", message.Typed!.Reason);
        Assert.Equal(("Maria Ortiz", "Leo Ortiz", Urgency.Routine), (message.Typed.CallerName, message.Typed.PatientName, message.Urgency));
        Assert.Contains("Nurse's note: mother will call back if worse", message.Typed.Notes);
        var awaiting = Assert.Single(await portal.Get<ITriageRecordStore>().AwaitingReviewAsync(PortalUnderTest.PracticeA));

        // The practice's physician finds the downgrade on the review list, with its reason, and marks it reviewed.
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PortalUnderTest.PracticeA, "dr-lee");
        var physician = await chromium.NewPageAsync(portal.BaseAddress);
        await physician.GotoAsync("/");
        await Chromium.SignInAsync(physician, "lee", Password);
        await physician.GotoAsync("/triage/reviews");
        var row = physician.Locator($"#reviews tr[data-triage-id='{awaiting.Id}']");
        await Expect(row).ToContainTextAsync("drinking well now, wet nappy an hour ago");
        await Expect(row).ToContainTextAsync("see today");
        await Expect(row).ToContainTextAsync("see within 24 hours");
        await CheckAsync(physician, "review list", found);
        await Screenshots.SaveAsync(physician, Test, "4-review-list");
        await row.Locator("button.reviewed").ClickAsync();
        await Expect(physician.Locator("#no-reviews")).ToBeVisibleAsync();
        Assert.Empty(await portal.Get<ITriageRecordStore>().AwaitingReviewAsync(PortalUnderTest.PracticeA));
        Assert.Equal("dr-lee", (await portal.Get<ITriageRecordStore>().GetAsync(awaiting.Id))!.ReviewedBy);
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

    private static async Task<PortalUnderTest> StartAsync(InMemoryDeskBoard board)
    {
        var portal = await PortalUnderTest.StartAsync(null, services =>
        {
            services.RemoveAll<IDeskBoard>();
            services.AddSingleton<IDeskBoard>(board);
        });
        await portal.SeedPracticesAsync();
        var examples = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "protocols", "examples"), "*.yaml").Order(StringComparer.Ordinal).Select(ProtocolFileReader.Read).ToList();
        await portal.Get<IProtocolStore>().ImportAsync(examples, "test", DateTimeOffset.UtcNow);
        return portal;
    }
}
