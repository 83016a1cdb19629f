using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Tests.Support;
using static Ivr.Domain.Tests.Support.CallerStep;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: every path of the call flow with a scripted caller.</summary>
public sealed class CallFlowTests
{
    [Fact]
    public async Task FirstThingEveryCallerHearsIsTheGreetingAndTheEmergencyInstruction()
    {
        var call = new CallFlowHarness([new Silence(), new Silence(), new Silence()]);
        await call.RunAsync();
        Assert.Equal(["greeting-riverside-pediatrics", PromptIds.Emergency], call.Caller.Prompts.Take(2));
        Assert.Equal("answer", call.Log.First());
    }

    [Fact]
    public async Task RoutineMessageUsingTheCallerIdIsCommittedBeforeTheCallerHearsItWasReceived()
    {
        var call = new CallFlowHarness([Key('1'), new Speak(2), Key('1'), Key('2'), new Speak(30), Key('1')]);
        var session = await call.RunAsync();

        var message = Assert.Single(call.Messages.All);
        Assert.Equal(Urgency.Routine, message.Urgency);
        Assert.Equal(CallFlowHarness.CallerId, message.CallbackNumber);
        Assert.False(message.Partial);
        Assert.Equal(30, message.MessageSeconds);
        Assert.EndsWith("-name-1.wav", message.NameRecording);
        Assert.EndsWith("-message-2.wav", message.MessageRecording);
        var log = call.Log.ToList();
        Assert.True(log.IndexOf("saved message 1") < log.IndexOf("play message-saved-routine"), "The caller was told before the message was saved.");
        Assert.Equal(CallOutcome.MessageTaken, session.Outcome);
        Assert.Contains("routine message 1", session.OutcomeDetail);
    }

    [Fact]
    public async Task UrgentMessageWithAnEnteredCallbackIsReadBackAndConfirmed()
    {
        var call = new CallFlowHarness([Key('1'), new Speak(2), Key('2'), new Digits("5559876543"), Key('1'), Key('1'), new Speak(20), Key('1')]);
        await call.RunAsync();

        var message = Assert.Single(call.Messages.All);
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.Equal("5559876543", message.CallbackNumber);
        Assert.Contains("say 5559876543", call.Log);
        Assert.Contains("play message-saved-urgent", call.Log);
    }

    [Fact]
    public async Task CallbackThatTheCallerRejectsIsAskedForAgain()
    {
        var call = new CallFlowHarness([Key('1'), new Speak(2), Key('2'), new Digits("5559876534"), Key('2'), new Digits("5559876543"), Key('1'), Key('2'), new Speak(5), Key('1')]);
        await call.RunAsync();
        Assert.Equal("5559876543", Assert.Single(call.Messages.All).CallbackNumber);
        Assert.Equal(2, call.Log.Count(l => l == "play callback-enter"));
    }

    [Fact]
    public async Task ThreeWrongKeysReplayTheMenuThenTakeAMessageNeverDropTheCaller()
    {
        var call = new CallFlowHarness([Key('9'), Key('7'), Key('*'), new Speak(2), Key('1'), Key('2'), new Speak(10), Key('1')]);
        await call.RunAsync();
        Assert.Equal(3, call.Log.Count(l => l == "play main-menu"));
        Assert.Equal(3, call.Log.Count(l => l == "play invalid-choice"));
        Assert.Equal(["Greeting", "MainMenu", "MainMenu", "MainMenu", "RecordName"], call.StatesEntered.Take(5));
        Assert.Single(call.Messages.All);
        Assert.Contains(call.Events, e => e.Name == "main-menu" && e.Detail.Contains("invalid key (attempt 3 of 3)"));
        Assert.DoesNotContain(call.Events, e => e.Detail.Contains('9') || e.Detail.Contains('7'));
    }

    [Fact]
    public async Task SilentCallerHearsTheMenuThreeTimesAndIsOfferedAMessage()
    {
        var call = new CallFlowHarness([new Silence(), new Silence(), new Silence()]);
        var session = await call.RunAsync();
        Assert.Equal(3, call.Log.Count(l => l == "play main-menu"));
        Assert.Contains("play record-name", call.Log);
        Assert.Contains("record 1700000000.42-name-1", call.Log);
        Assert.Equal(CallOutcome.CallerHungUp, session.Outcome);
        Assert.Empty(call.Messages.All);
    }

    [Fact]
    public async Task HangupDuringTheGreetingEndsTheCallWithNoMessage()
    {
        var call = new CallFlowHarness([], hangUpDuringPrompt: "greeting-riverside-pediatrics");
        var session = await call.RunAsync();
        Assert.Equal(CallOutcome.CallerHungUp, session.Outcome);
        Assert.Empty(call.Messages.All);
        Assert.Equal(["Greeting", "CallerHungUp", "Ended"], call.StatesEntered);
    }

    [Fact]
    public async Task HangupDuringTheRecordingStillSavesAPartialMessageWithWhatWasSaid()
    {
        var call = new CallFlowHarness([Key('1'), new Speak(2), Key('1'), Key('1'), new SpeakThenHangUp(12)]);
        var session = await call.RunAsync();
        var message = Assert.Single(call.Messages.All);
        Assert.True(message.Partial);
        Assert.Equal(12, message.MessageSeconds);
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.Equal(CallFlowHarness.CallerId, message.CallbackNumber);
        Assert.DoesNotContain("play message-saved-urgent", call.Log);
        Assert.Equal(CallOutcome.MessageTaken, session.Outcome);
        Assert.Contains("partial", session.OutcomeDetail);
    }

    [Fact]
    public async Task HangupBeforeChoosingUrgencyIsSavedAsUrgentWithTheReason()
    {
        var call = new CallFlowHarness([Key('1'), new SpeakThenHangUp(3)]);
        await call.RunAsync();
        var message = Assert.Single(call.Messages.All);
        Assert.True(message.Partial);
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.Contains("treated as urgent", message.UrgencyReason);
    }

    [Fact]
    public async Task PhysicianWhoAcceptsIsBridgedAndTheCallEndsWhenTheyLeave()
    {
        var call = new CallFlowHarness([Key('2'), Key('1')], physicianAnswers: ["accepted"]);
        var session = await call.RunAsync();
        Assert.Equal(CallOutcome.Connected, session.Outcome);
        Assert.Equal("connected to clinician dr-lee", session.OutcomeDetail);
        Assert.Contains("conference ivr-1700000000.42", call.Log);
        Assert.Contains("leg dr-lee accepted", call.Log);
        Assert.Empty(call.Messages.All);
        Assert.Equal(["Greeting", "MainMenu", "SomeoneNowMenu", "ConnectingPhysician", "Ended"], call.StatesEntered);
    }

    [Fact]
    public async Task FirstPhysicianDeclinesAndTheBackupAccepts()
    {
        var call = new CallFlowHarness([Key('2'), Key('1')], physicianAnswers: ["declined", "accepted"]);
        var session = await call.RunAsync();
        Assert.Equal("connected to clinician dr-patel", session.OutcomeDetail);
        Assert.Equal(["leg dr-lee declined", "leg dr-patel accepted"], call.Log.Where(l => l.StartsWith("leg ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NobodyAcceptsSoTheCallerIsToldAndLeavesAnUrgentMessage()
    {
        var call = new CallFlowHarness([Key('2'), Key('1'), new Speak(2), Key('1'), new Speak(15), Key('1')], physicianAnswers: ["no-answer", "declined", "no-answer"]);
        var session = await call.RunAsync();
        Assert.True(call.Dialer.CallerRemoved);
        Assert.Contains("play no-physician", call.Log);
        Assert.DoesNotContain("play urgency-menu", call.Log);
        var message = Assert.Single(call.Messages.All);
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.Contains("no clinician", message.UrgencyReason);
        Assert.Equal(CallOutcome.MessageTaken, session.Outcome);
        Assert.Contains(call.Events, e => e.Name == "chain-exhausted");
    }

    [Fact]
    public async Task CallerWhoHangsUpWhileOnHoldCancelsTheRinging()
    {
        var call = new CallFlowHarness([Key('2'), Key('1'), new HangUp()], physicianAnswers: ["rings"]);
        // The phone rings until the flow cancels it: a flow that missed the hang-up fails here, not hangs.
        var session = await call.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(call.Dialer.Cancelled);
        Assert.Equal(CallOutcome.CallerHungUp, session.Outcome);
    }

    [Fact]
    public async Task MessageThatCannotBeSavedHandsTheCallToTheDialplanSafetyNet()
    {
        var call = new CallFlowHarness([Key('1'), new Speak(2), Key('1'), Key('1'), new Speak(10), Key('1')]);
        call.Messages.Fail = true;
        var session = await call.RunAsync();
        Assert.Equal(CallOutcome.Failed, session.Outcome);
        Assert.True(session.HandToSafetyNet);
        Assert.Contains("play message-not-saved", call.Log);
        Assert.DoesNotContain("play message-saved-urgent", call.Log);
    }

    [Fact]
    public async Task EveryStateEnteredIsOnTheTimelineWithItsReason()
    {
        var call = new CallFlowHarness([Key('1'), new Speak(2), Key('1'), Key('2'), new Speak(30), Key('1')]);
        await call.RunAsync();
        Assert.Equal(
            ["Greeting", "MainMenu", "RecordName", "CallbackOffer", "UrgencyChoice", "RecordMessage", "ReviewMessage", "SavingMessage", "MessageSaved", "Ended"],
            call.StatesEntered);
        Assert.Equal("Key1 from MainMenu", call.Events.First(e => e.Name == "RecordName").Detail);
        Assert.True(call.Events.Select(e => e.At).SequenceEqual(call.Events.Select(e => e.At).Order()));
    }

    [Fact]
    public async Task KeyZeroIsNotOfferedSoTheMainMenuTreatsItAsAWrongKey()
    {
        var call = new CallFlowHarness([Key('0'), Key('2'), Key('1')], physicianAnswers: ["accepted"]);
        var session = await call.RunAsync();
        Assert.Equal(1, call.Log.Count(l => l == "play invalid-choice"));
        Assert.Contains(call.Events, e => e.Name == "main-menu" && e.Detail == "invalid key (attempt 1 of 3)");
        Assert.Equal(["Greeting", "MainMenu", "MainMenu", "SomeoneNowMenu", "ConnectingPhysician", "Ended"], call.StatesEntered);
        Assert.Equal(CallOutcome.Connected, session.Outcome);
    }

    [Fact]
    public async Task HowOftenAMenuIsOfferedComesFromTheOptions()
    {
        var call = new CallFlowHarness([new Silence(), new Silence()]) { Options = new CallFlowOptions { MenuAttempts = 2 } };
        await call.RunAsync();
        Assert.Equal(2, call.Log.Count(l => l == "play main-menu"));
        Assert.Contains(call.Events, e => e.Name == "main-menu" && e.Detail == "no input (attempt 2 of 2)");
        Assert.Equal(["Greeting", "MainMenu", "MainMenu", "RecordName"], call.StatesEntered.Take(4));
    }

    [Fact]
    public async Task AnErrorInAStatesWorkTakesTheFailedPathAndTheCallStillEnds()
    {
        var call = new CallFlowHarness([Key('2'), Key('1')], physicianAnswers: ["throws"]);
        var session = await call.RunAsync();
        Assert.Equal(CallOutcome.Failed, session.Outcome);
        Assert.Equal("unexpected error in ConnectingPhysician: IOException", session.OutcomeDetail);
        Assert.True(session.HandToSafetyNet);
        Assert.Equal(CallState.Ended, session.State);
        Assert.Equal(["ConnectingPhysician", "Failed", "Ended"], call.StatesEntered.TakeLast(3));
        Assert.Contains(call.Events, e => e.Kind == "error" && e.Name == "failed");
        Assert.Contains("play message-not-saved", call.Log);
    }

    [Fact]
    public async Task AHangupWhileLeavingAMessageIsHandledOnceForTheWholeMessageSuperstate()
    {
        var call = new CallFlowHarness([Key('1'), new Speak(4), new HangUp()]);
        var session = await call.RunAsync();
        Assert.Equal(["CallbackOffer", "SavingMessage", "Ended"], call.StatesEntered.TakeLast(3));
        Assert.Equal("HungUp from CallbackOffer", call.Events.Last(e => e.Name == "SavingMessage").Detail);
        Assert.True(Assert.Single(call.Messages.All).Partial);
        Assert.Equal(CallOutcome.MessageTaken, session.Outcome);
    }

    [Fact]
    public async Task TheLiveViewHearsEveryStateEnteredButNotAMenuOfferedAgain()
    {
        var progress = new RecordingProgress();
        var call = new CallFlowHarness([new Silence(), Key('2'), Key('1')], physicianAnswers: ["accepted"]) { Progress = progress };
        await call.RunAsync();
        Assert.Equal([CallState.Greeting, CallState.MainMenu, CallState.SomeoneNowMenu, CallState.ConnectingPhysician, CallState.Ended], progress.States);
    }

    private sealed class RecordingProgress : ICallProgress
    {
        public List<CallState> States { get; } = [];

        public void Started(CallSession session)
        {
        }

        public void Entered(CallSession session, CallState state) => States.Add(state);

        public void Ended(CallSession session)
        {
        }
    }
}
