using Ivr.Domain.Desk;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Tests.Support;
using static Ivr.Domain.Tests.Support.CallerStep;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: the caller's side of the operator desk with a scripted caller and a scripted desk, on fake time.</summary>
public sealed class DeskFlowTests
{
    private static readonly PracticeProfile Practice = FixedPracticeDirectory.Practice;

    [Fact]
    public async Task SomeoneNowPutsTheCallerInTheQueueWhenAnOperatorIsAtTheDeskAndTheOperatorTakesTheCallUntilTheyRelease()
    {
        var desk = new ScriptedDesk { AfterEmptied = ScriptedDesk.Done("operator sam took message 7", messageId: 7) };
        var call = new CallFlowHarness([Key('2')]) { Desk = desk };
        var waits = new List<TimeSpan?>();
        call.Caller.Room = timeout =>
        {
            waits.Add(timeout);
            if (timeout is null)
            {
                return Task.FromResult(RoomExit.Emptied);
            }

            // The operator answers during the first wait: the desk takes the caller out of it.
            desk.Now = ScriptedDesk.WithOperator;
            return Task.FromResult(RoomExit.Removed);
        };

        var session = await call.RunAsync();

        Assert.Equal(["join Routine", "room emptied", "end"], desk.Log);
        Assert.Equal([TimeSpan.FromSeconds(30), null], waits);
        Assert.Contains("play desk-hold", call.Log);
        Assert.DoesNotContain("play someone-now-menu", call.Log);
        Assert.Equal(CallOutcome.MessageTaken, session.Outcome);
        Assert.Equal(7, session.MessageId);
        Assert.Equal([CallState.HoldingForOperator, CallState.WithOperator, CallState.Ended], call.StatesEntered.SkipWhile(s => s != nameof(CallState.HoldingForOperator)).Select(Enum.Parse<CallState>));
        var joined = desk.Joined!;
        Assert.Equal(CallFlow.RoomOf("1700000000.42"), joined.Room);
        Assert.Equal("PJSIP/sipp-00000001", joined.Channel);
        Assert.Equal(CallFlowHarness.CallerId, joined.CallerNumber);
        Assert.Equal(["heard the greeting and the emergency instruction", "pressed 2: speak with someone now", "joined the operator queue"], joined.Path.Select(p => p.What));
    }

    [Fact]
    public async Task ACallOnThePracticesUrgentLineJoinsTheQueueAsUrgentWithoutBeingAsked()
    {
        var desk = new ScriptedDesk { Now = ScriptedDesk.Waiting(3, TimeSpan.FromMinutes(6)) };
        var call = new CallFlowHarness([Key('2')])
        {
            Desk = desk,
            Practice = Practice with { Desk = DeskSettings.Default with { UrgentLines = ["15550100"] } },
        };
        call.Caller.HangUpInRoom = 1;

        await call.RunAsync();

        Assert.Equal(["join Urgent", "end"], desk.Log);
        Assert.DoesNotContain("play desk-urgent-ask", call.Log);
        Assert.Equal("joined the operator queue from the practice's urgent line", desk.Joined!.Path[^1].What);
    }

    [Fact]
    public async Task ARoutineCallerWithSomeoneAheadIsAskedWhetherItIsUrgentAndPressing1PutsThemAhead()
    {
        var desk = new ScriptedDesk { Now = ScriptedDesk.Waiting(3, TimeSpan.FromMinutes(6)) };
        var call = new CallFlowHarness([Key('2'), Key('1')]) { Desk = desk };
        call.Caller.HangUpInRoom = 1;

        await call.RunAsync();

        Assert.Equal(["join Routine", "urgent", "end"], desk.Log);
        var heard = call.Log.Where(l => l.StartsWith("play desk-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["play desk-hold", "play desk-urgent-ask", "play desk-urgent-noted"], heard);
        Assert.Contains(call.Events, e => e.Name == "desk-urgent");
    }

    [Fact]
    public async Task ARoutineCallerWhoPressesNothingStaysRoutineAndWaits()
    {
        var desk = new ScriptedDesk { Now = ScriptedDesk.Waiting(2, TimeSpan.FromMinutes(3)) };
        var call = new CallFlowHarness([Key('2'), new Silence()]) { Desk = desk };
        call.Caller.HangUpInRoom = 1;

        await call.RunAsync();

        Assert.Equal(["join Routine", "end"], desk.Log);
        Assert.Contains("play desk-urgent-ask", call.Log);
        Assert.DoesNotContain("play desk-urgent-noted", call.Log);
        Assert.DoesNotContain(call.Events, e => e.Name == "desk-urgent");
    }

    [Theory]
    [InlineData(PromptIds.DeskHold)]
    [InlineData(PromptIds.DeskUrgentAsk)]
    public async Task ACallerWhoHangsUpDuringTheHoldPromptIsRecordedAsHungUpAndTheDeskLetsGo(string prompt)
    {
        var desk = new ScriptedDesk { Now = ScriptedDesk.Waiting(prompt == PromptIds.DeskHold ? 1 : 2, TimeSpan.FromMinutes(3)) };
        var call = new CallFlowHarness([Key('2')], hangUpDuringPrompt: prompt) { Desk = desk };

        var session = await call.RunAsync();

        Assert.Equal(CallOutcome.CallerHungUp, session.Outcome);
        Assert.Equal(["join Routine", "end"], desk.Log);
    }

    [Fact]
    public async Task NobodyAtTheDeskSendsSomeoneNowToTheDoctorAsBefore()
    {
        var desk = new ScriptedDesk { Staffed = false };
        var call = new CallFlowHarness([Key('2'), Key('1')], physicianAnswers: ["accepted"]) { Desk = desk };

        var session = await call.RunAsync();

        Assert.Empty(desk.Log);
        Assert.Contains("play someone-now-menu", call.Log);
        Assert.Equal(CallOutcome.Connected, session.Outcome);
        Assert.Contains(call.Events, e => e.Name == "live-person" && e.Detail.Contains("the doctor: policy operators-first, desk not staffed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APracticeThatWantsTheDoctorDirectlyNeverQueuesEvenWithOperatorsAtTheDesk()
    {
        var desk = new ScriptedDesk();
        var call = new CallFlowHarness([Key('2'), Key('2'), new Speak(2), Key('1'), Key('1'), new Speak(5), Key('1')])
        {
            Desk = desk,
            Practice = Practice with { Desk = DeskSettings.Default with { LivePerson = LivePersonPolicy.DoctorDirect } },
        };

        await call.RunAsync();

        Assert.Empty(desk.Log);
        Assert.Contains("play someone-now-menu", call.Log);
    }

    [Fact]
    public async Task AWaitingCallerHearsTheirPositionAndExpectedWaitAfterEachWaitAndTheEmergencyInstructionAgainOnceAfterAMinute()
    {
        var desk = new ScriptedDesk();
        var call = new CallFlowHarness([Key('2')]) { Desk = desk };
        var waits = 0;
        call.Caller.Room = timeout =>
        {
            waits++;
            call.Clock.Advance(timeout!.Value);
            desk.Now = waits switch
            {
                1 => ScriptedDesk.Waiting(2, TimeSpan.FromMinutes(3)),
                2 => ScriptedDesk.Waiting(1, TimeSpan.FromSeconds(20)),
                _ => desk.Now,
            };
            return Task.FromResult(RoomExit.TimedOut);
        };

        // The caller hangs up during the third announcement's wait (the script runs out).
        call.Caller.HangUpInRoom = 3;
        var session = await call.RunAsync();

        var heard = call.Log.Where(l => l.StartsWith("play desk-", StringComparison.Ordinal) || l.StartsWith("number ", StringComparison.Ordinal) || l == "play emergency").ToList();
        Assert.Equal(
            [
                "play emergency", // the greeting's own
                "play desk-hold",
                "play desk-position", "number 2", "play desk-in-line", "play desk-expected-wait", "number 3", "play desk-minutes",
                "play emergency", "play desk-position", "number 1", "play desk-in-line", "play desk-under-a-minute",
            ],
            heard);
        Assert.Equal(CallOutcome.CallerHungUp, session.Outcome);
        Assert.Equal(["join Routine", "end"], desk.Log);
    }

    [Fact]
    public async Task AfterThePracticesMaximumHoldTheCallerChoosesAnUrgentMessageAndLeavesTheQueue()
    {
        var desk = new ScriptedDesk();
        var call = new CallFlowHarness([Key('2'), Key('2'), new Speak(2), Key('1'), new Speak(10), Key('1')]) { Desk = desk };
        call.Caller.Room = timeout =>
        {
            call.Clock.Advance(timeout!.Value);
            return Task.FromResult(RoomExit.TimedOut);
        };

        var session = await call.RunAsync();

        Assert.Equal(["join Routine", "leave Message", "end"], desk.Log);
        Assert.Contains("play desk-max-hold-menu", call.Log);
        var message = Assert.Single(call.Messages.All);
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.Contains("the caller chose a message after holding", message.UrgencyReason, StringComparison.Ordinal);
        Assert.Equal(CallOutcome.MessageTaken, session.Outcome);
        Assert.Contains(call.Events, e => e.Name == "desk-max-hold" && e.Detail.Contains("the practice's maximum is 90 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterTheMaximumHoldTheCallerCanChooseTheDoctorOnCallWhenThePracticeOffersIt()
    {
        var desk = new ScriptedDesk();
        var call = new CallFlowHarness([Key('2'), Key('3')], physicianAnswers: ["accepted"]) { Desk = desk };
        call.Caller.Room = timeout =>
        {
            call.Clock.Advance(timeout!.Value);
            return Task.FromResult(RoomExit.TimedOut);
        };

        var session = await call.RunAsync();

        Assert.Equal(["join Routine", "leave Doctor", "end"], desk.Log);
        Assert.Equal(CallOutcome.Connected, session.Outcome);
    }

    [Fact]
    public async Task APracticeWithoutTheDoctorAfterTheMaximumHoldOffersOnlyHoldingOrAMessage()
    {
        var desk = new ScriptedDesk();
        var call = new CallFlowHarness([Key('2'), Key('3'), Key('1')])
        {
            Desk = desk,
            Practice = Practice with { Desk = DeskSettings.Default with { AfterMaxHoldDoctor = false, MaxHold = TimeSpan.FromSeconds(30) } },
        };
        var waits = 0;
        call.Caller.Room = timeout =>
        {
            waits++;
            if (timeout is { } limit)
            {
                call.Clock.Advance(limit);
            }

            if (waits == 2)
            {
                desk.Now = ScriptedDesk.WithOperator;
                return Task.FromResult(RoomExit.Removed);
            }

            return Task.FromResult(timeout is null ? RoomExit.Emptied : RoomExit.TimedOut);
        };

        await call.RunAsync();

        Assert.Contains("play desk-max-hold-menu-no-doctor", call.Log);
        Assert.Contains("play invalid-choice", call.Log);
        Assert.Contains("play desk-still-holding", call.Log);
        Assert.Equal(["join Routine", "room emptied", "end"], desk.Log);
    }

    [Fact]
    public async Task ACallerWhoseChoiceCrossesAnOperatorsAnswerStaysWithTheOperator()
    {
        var desk = new ScriptedDesk();
        var call = new CallFlowHarness([Key('2'), Key('2')]) { Desk = desk };
        call.Caller.Room = timeout =>
        {
            if (timeout is null)
            {
                return Task.FromResult(RoomExit.Emptied);
            }

            call.Clock.Advance(timeout.Value);
            return Task.FromResult(RoomExit.TimedOut);
        };
        call.Caller.BeforeKey = () =>
        {
            if (call.Log.Contains("play desk-max-hold-menu"))
            {
                desk.Now = ScriptedDesk.WithOperator;
            }
        };

        var session = await call.RunAsync();

        Assert.Equal(["join Routine", "leave Message refused", "room emptied", "end"], desk.Log);
        Assert.Empty(call.Messages.All);
        Assert.Equal(CallOutcome.OperatorHandled, session.Outcome);
    }

    [Fact]
    public async Task WhenTheOperatorsLineDropsWithTheCallerAloneTheCallerGoesBackToHoldingAndIsAnsweredAgain()
    {
        var desk = new ScriptedDesk();
        var call = new CallFlowHarness([Key('2')]) { Desk = desk };
        var rooms = 0;
        call.Caller.Room = timeout =>
        {
            rooms++;
            switch (rooms)
            {
                case 1 or 3:
                    desk.Now = ScriptedDesk.WithOperator;
                    return Task.FromResult(RoomExit.Removed);
                case 2:
                    desk.AfterEmptied = ScriptedDesk.Waiting(1, null);
                    return Task.FromResult(RoomExit.Emptied);
                default:
                    desk.AfterEmptied = ScriptedDesk.Done("operator lee handled the call");
                    return Task.FromResult(RoomExit.Emptied);
            }
        };

        var session = await call.RunAsync();

        Assert.Equal(["join Routine", "room emptied", "room emptied", "end"], desk.Log);
        Assert.Equal(2, call.StatesEntered.Count(s => s == nameof(CallState.WithOperator)));
        Assert.Equal(CallOutcome.OperatorHandled, session.Outcome);
        Assert.Equal("operator lee handled the call", session.OutcomeDetail);
    }

    [Fact]
    public async Task APracticeThatOffersTheNurseLineHasTheMenuSayPress3AndTheCallerJoinsTheNurseQueueWhileANurseIsAtTheDesk()
    {
        var desk = new ScriptedDesk { Staffed = false, NursesStaffed = true };
        var call = new CallFlowHarness([Key('3')])
        {
            Desk = desk,
            Practice = Practice with { Desk = DeskSettings.Default with { NurseOption = true } },
        };
        call.Caller.HangUpInRoom = 1;

        await call.RunAsync();

        Assert.Contains("play main-menu-nurse", call.Log);
        Assert.DoesNotContain("play main-menu", call.Log);
        Assert.Equal(["join Routine nurses", "end"], desk.Log);
        Assert.Contains("play desk-nurse-hold", call.Log);
        Assert.DoesNotContain("play desk-hold", call.Log);
        Assert.Equal(DeskLine.Nurses, desk.Joined!.Line);
        Assert.Equal(["heard the greeting and the emergency instruction", "pressed 3: speak with a nurse", "joined the nurse queue"], desk.Joined.Path.Select(p => p.What));
        Assert.Contains(call.Events, e => e.Name == "live-person" && e.Detail.StartsWith("the nurses: the caller asked for a nurse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pressing3WithNoNurseAtTheDeskSaysSoAndGoesWhereSomeoneNowGoes()
    {
        var desk = new ScriptedDesk { Staffed = true, NursesStaffed = false };
        var call = new CallFlowHarness([Key('3')])
        {
            Desk = desk,
            Practice = Practice with { Desk = DeskSettings.Default with { NurseOption = true } },
        };
        call.Caller.HangUpInRoom = 1;

        await call.RunAsync();

        Assert.Contains("play desk-no-nurse", call.Log);
        Assert.Equal(["join Routine", "end"], desk.Log);
        Assert.Contains("play desk-hold", call.Log);
        Assert.Contains(call.Events, e => e.Name == "nurse-line" && e.Detail == "the caller asked for a nurse; no nurse is at the desk");
    }

    [Fact]
    public async Task WithoutTheNurseOptionThreeIsNotAChoiceOfTheMainMenu()
    {
        var desk = new ScriptedDesk { NursesStaffed = true };
        var call = new CallFlowHarness([Key('3'), Key('2')]) { Desk = desk };
        call.Caller.HangUpInRoom = 1;

        await call.RunAsync();

        Assert.Contains("play invalid-choice", call.Log);
        Assert.Equal(["join Routine", "end"], desk.Log);
    }

    [Theory]
    [InlineData(NurseRoute.LivePerson, false, true, true)]
    [InlineData(NurseRoute.LivePerson, false, false, false)]
    [InlineData(NurseRoute.UrgentLines, true, true, true)]
    [InlineData(NurseRoute.UrgentLines, false, true, false)]
    [InlineData(NurseRoute.None, true, true, false)]
    public async Task APracticesNurseRouteSendsLivePersonCallersToTheNursesOnlyWhileANurseIsAtTheDesk(NurseRoute route, bool urgentLine, bool nurseAtDesk, bool toNurses)
    {
        var desk = new ScriptedDesk { NursesStaffed = nurseAtDesk };
        var call = new CallFlowHarness([Key('2')])
        {
            Desk = desk,
            Practice = Practice with { Desk = DeskSettings.Default with { NurseRoute = route, UrgentLines = urgentLine ? ["15550100"] : [] } },
        };
        call.Caller.HangUpInRoom = 1;

        await call.RunAsync();

        Assert.Equal(toNurses ? DeskLine.Nurses : DeskLine.Operators, desk.Joined!.Line);
        Assert.Contains(toNurses ? "play desk-nurse-hold" : "play desk-hold", call.Log);
    }

    [Fact]
    public async Task AnOperatorsTransferToTheNurseLineHasTheCallerHearANurseIsComingAndWaitAgainUntilTheNurseAnswers()
    {
        var desk = new ScriptedDesk();
        var call = new CallFlowHarness([Key('2')]) { Desk = desk };
        var rooms = 0;
        call.Caller.Room = timeout =>
        {
            rooms++;
            switch (rooms)
            {
                case 1:
                    desk.Now = ScriptedDesk.WithOperator;
                    return Task.FromResult(RoomExit.Removed);
                case 2:
                    // The operator transfers: the desk takes the caller out of the room, waiting on the nurse line.
                    desk.Now = new DeskStanding(DeskStage.Waiting, 1, null, "operator sam transferred the caller to the nurse line", null, null, Line: DeskLine.Nurses);
                    return Task.FromResult(RoomExit.Removed);
                case 3:
                    desk.Now = ScriptedDesk.WithOperator with { Detail = "nurse garcia took the call", Line = DeskLine.Nurses };
                    return Task.FromResult(RoomExit.Removed);
                default:
                    desk.AfterEmptied = ScriptedDesk.Done("nurse garcia took message 9", messageId: 9);
                    return Task.FromResult(RoomExit.Emptied);
            }
        };

        var session = await call.RunAsync();

        Assert.Single(call.Log, l => l == "play desk-nurse-transfer");
        Assert.Equal(2, call.StatesEntered.Count(s => s == nameof(CallState.WithOperator)));
        Assert.Equal(DeskLine.Nurses, session.DeskLine);
        Assert.Equal((CallOutcome.MessageTaken, 9L), (session.Outcome, session.MessageId));
        Assert.Equal(["join Routine", "room emptied", "end"], desk.Log);
    }

    [Fact]
    public async Task AnOperatorsTransferRingsTheOfficeAndACallerTheOfficeMissesLeavesAMessage()
    {
        var desk = new ScriptedDesk();
        var call = new CallFlowHarness([Key('2'), new Speak(2), Key('1'), Key('2'), new Speak(5), Key('1')], office: OfficeRingResult.NoAnswer) { Desk = desk };
        call.Caller.Room = _ =>
        {
            desk.Now = new DeskStanding(DeskStage.ToOffice, null, null, "transferred", null, null, new OfficeLine("PJSIP/sipp/sip:office@127.0.0.1:5091", TimeSpan.FromSeconds(20)));
            return Task.FromResult(RoomExit.Removed);
        };

        await call.RunAsync();

        Assert.Contains("ring office PJSIP/sipp/sip:office@127.0.0.1:5091: NoAnswer", call.Log);
        Assert.Equal(Urgency.Routine, Assert.Single(call.Messages.All).Urgency);
        Assert.Equal(["join Routine", "end"], desk.Log);
    }
}
