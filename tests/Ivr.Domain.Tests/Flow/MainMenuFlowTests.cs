using Ivr.Domain.Desk;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Domain.Tests.Support;
using static Ivr.Domain.Tests.Support.CallerStep;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: the main menu said from the practice's choices, and the office information choice.</summary>
public sealed class MainMenuFlowTests
{
    /// <summary>The harness's clock (2026-11-22 07:10 UTC) is a Sunday, 02:10 in New York: closed.</summary>
    private const string ClosedSentence = "We are closed now. We open again tomorrow at 8 a.m.";

    private const string Words = "Our address is 200 River Road, Riverside.";

    private static readonly OfficeInformation Office = new(
        FixedPracticeDirectory.Practice.Id,
        "America/New_York",
        Support.Practices.Weekdays(8, 17),
        HolidayCalendar.None,
        [],
        new OfficeWords { Address = "200 River Road, Riverside" });

    private static readonly IReadOnlyList<string> OfficePrompts =
        [PracticePromptIds.Of(FixedPracticeDirectory.Practice.Id, ClosedSentence), PracticePromptIds.Of(FixedPracticeDirectory.Practice.Id, Words)];

    private static PracticeProfile WithMenu(params MainMenuOption[] options) =>
        FixedPracticeDirectory.Practice with { Menu = new MainMenuSettings { Options = options }, OfficeInformation = Office };

    private static readonly PracticeProfile OfficeOnFour = WithMenu(
        new(MainMenuChoice.Message, '1'), new(MainMenuChoice.LivePerson, '2'), new(MainMenuChoice.Nurse, '3'), new(MainMenuChoice.OfficeInformation, '4'));

    private static string[] MenuHeard(CallFlowHarness call) => call.Caller.Prompts.Skip(2).TakeWhile(p => p != PromptIds.RecordName && !p.StartsWith("greeting-", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task TheOfficeKeySaysTheInformationThenOffersTheMenuAfreshAndAMessageStillWorks()
    {
        var call = new CallFlowHarness([Key('4'), new Silence(), Key('1'), new Speak(2), Key('1'), Key('2'), new Speak(10), Key('1')])
        {
            Practice = OfficeOnFour,
            RenderedPrompts = new Rendered(OfficePrompts),
        };

        await call.RunAsync();

        Assert.Equal(["Greeting", "MainMenu", "OfficeInformation", "MainMenu", "MainMenu", "RecordName"], call.StatesEntered.Take(6));
        var prompts = call.Caller.Prompts.ToList();
        var said = prompts.IndexOf(OfficePrompts[0]);
        Assert.Equal(OfficePrompts[1], prompts[said + 1]);
        Assert.Equal(PromptIds.MenuMessage, prompts[said + 2]);
        Assert.Single(call.Messages.All);
        Assert.Contains(call.Events, e => e.Name == "office-information" && e.Detail.Contains("(1 of 3 this call)", StringComparison.Ordinal));
        Assert.Contains(call.Session!.DeskPath, s => s.What == "pressed 4: office information");
    }

    [Fact]
    public async Task TheMenuIsSaidInThePracticesOrderEachChoiceThenItsKey()
    {
        var call = new CallFlowHarness([Key('1'), new Speak(2), Key('1'), Key('2'), new Speak(10), Key('1')])
        {
            Practice = WithMenu(new(MainMenuChoice.OfficeInformation, '0'), new(MainMenuChoice.LivePerson, '7'), new(MainMenuChoice.Message, '1')),
        };

        await call.RunAsync();

        Assert.Equal(
            [PromptIds.MenuOfficeInformation, PromptIds.Press0, PromptIds.MenuLivePerson, PromptIds.Press7, PromptIds.MenuMessage, PromptIds.Press1],
            MenuHeard(call));
        Assert.Single(call.Messages.All);
    }

    [Fact]
    public async Task AKeyThePracticeDoesNotOfferIsInvalidAndTheNurseIsHeardOnlyWhenTheDeskOffersNurses()
    {
        var call = new CallFlowHarness([Key('3'), Key('2'), new Speak(2), Key('1'), Key('2'), new Speak(10), Key('1')])
        {
            Practice = WithMenu(new(MainMenuChoice.Message, '2'), new(MainMenuChoice.Nurse, '3'), new(MainMenuChoice.LivePerson, '1')),
        };

        await call.RunAsync();

        Assert.Equal([PromptIds.MenuMessage, PromptIds.Press2, PromptIds.MenuLivePerson, PromptIds.Press1], MenuHeard(call).Take(4));
        Assert.DoesNotContain(PromptIds.MenuNurse, call.Caller.Prompts);
        Assert.Equal(1, call.Log.Count(l => l == "play invalid-choice"));
        Assert.Equal(["Greeting", "MainMenu", "MainMenu", "RecordName"], call.StatesEntered.Take(4));
        Assert.Contains(call.Events, e => e.Name == "main-menu" && e.Detail == "chose Key1");
    }

    [Fact]
    public async Task TheDefaultMenuIsTodaysOnePromptAndItsKeys()
    {
        var call = new CallFlowHarness([Key('4'), Key('1'), new Speak(2), Key('1'), Key('2'), new Speak(10), Key('1')])
        {
            Practice = FixedPracticeDirectory.Practice with { OfficeInformation = Office },
        };

        await call.RunAsync();

        Assert.Equal(2, call.Log.Count(l => l == "play main-menu"));
        Assert.DoesNotContain(call.Caller.Prompts, p => p.StartsWith("press-", StringComparison.Ordinal) || p.StartsWith("menu-", StringComparison.Ordinal));
        Assert.Equal(1, call.Log.Count(l => l == "play invalid-choice"));
        Assert.Single(call.Messages.All);
    }

    [Fact]
    public async Task TheDefaultMenuWithTheNurseOptionStillOffersThreeKeysInOnePrompt()
    {
        var call = new CallFlowHarness([Key('3')])
        {
            Practice = FixedPracticeDirectory.Practice with { Desk = DeskSettings.Default with { NurseOption = true } },
        };

        await call.RunAsync();

        Assert.Equal(PromptIds.MainMenuNurse, call.Caller.Prompts.ElementAt(2));
        Assert.Contains(call.Events, e => e.Name == "main-menu" && e.Detail == "chose Key3");
    }

    [Fact]
    public async Task AfterThreeHearingsTheInformationIsNoLongerOfferedSoNoCallerLoopsForEver()
    {
        var call = new CallFlowHarness([Key('4'), Key('4'), Key('4'), Key('4'), Key('1'), new Speak(2), Key('1'), Key('2'), new Speak(10), Key('1')])
        {
            Practice = OfficeOnFour,
            RenderedPrompts = new Rendered(OfficePrompts),
        };

        await call.RunAsync();

        Assert.Equal(3, call.StatesEntered.Count(s => s == "OfficeInformation"));
        Assert.Equal(3, call.Log.Count(l => l == $"play {OfficePrompts[1]}"));
        Assert.Equal(3, call.Log.Count(l => l == $"play {PromptIds.MenuOfficeInformation}"));
        Assert.Equal(1, call.Log.Count(l => l == "play invalid-choice"));
        Assert.Single(call.Messages.All);
    }

    [Fact]
    public async Task InformationWhoseAudioIsMissingIsReplacedByTheFixedPromptNeverSynthesised()
    {
        var call = new CallFlowHarness([Key('4'), Key('1'), new Speak(2), Key('1'), Key('2'), new Speak(10), Key('1')])
        {
            Practice = OfficeOnFour,
            RenderedPrompts = new Rendered([OfficePrompts[1]]),
        };

        await call.RunAsync();

        Assert.Contains($"play {PromptIds.OfficeInformationUnavailable}", call.Log);
        Assert.DoesNotContain(call.Caller.Prompts, p => OfficePrompts.Contains(p));
        Assert.Contains(call.Events, e => e.Name == "office-information" && e.Detail.Contains($"audio of {OfficePrompts[0]} is not rendered", StringComparison.Ordinal));
        Assert.Single(call.Messages.All);
    }

    [Fact]
    public async Task APracticeWithNothingToSayDoesNotOfferTheInformation()
    {
        var call = new CallFlowHarness([Key('4'), Key('1'), new Speak(2), Key('1'), Key('2'), new Speak(10), Key('1')])
        {
            Practice = OfficeOnFour with { OfficeInformation = Office with { Hours = WeeklyHours.Closed, Words = OfficeWords.None } },
        };

        await call.RunAsync();

        Assert.DoesNotContain(PromptIds.MenuOfficeInformation, call.Caller.Prompts);
        Assert.Equal(1, call.Log.Count(l => l == "play invalid-choice"));
    }

    [Fact]
    public async Task AHangupDuringTheInformationEndsTheCallWithNothingToSave()
    {
        var call = new CallFlowHarness([Key('4')], hangUpDuringPrompt: OfficePrompts[0])
        {
            Practice = OfficeOnFour,
            RenderedPrompts = new Rendered(OfficePrompts),
        };

        var session = await call.RunAsync();

        Assert.Equal(["Greeting", "MainMenu", "OfficeInformation", "CallerHungUp", "Ended"], call.StatesEntered);
        Assert.Empty(call.Messages.All);
        Assert.Equal(CallState.Ended, session.State);
    }

    private sealed class Rendered(IReadOnlyList<string> ids) : IRenderedPrompts
    {
        public bool Has(string promptId) => ids.Contains(promptId);
    }
}
