using Ivr.Domain.Desk;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Domain.Tests.Support;
using static Ivr.Domain.Tests.Support.CallerStep;

namespace Ivr.Domain.Tests.Flow;

/// <summary>
/// Needs nothing: a caller whose line has nobody at this process's desk but someone at another's is handed there, and
/// the caller that process takes in starts at the choice of a live person, once. Scripted caller and desk, fake time.
/// </summary>
public sealed class DeskHandOffFlowTests
{
    private const string Other = "agi://10.0.0.2:4573";
    private static readonly PracticeProfile Practice = FixedPracticeDirectory.Practice;

    [Fact]
    public async Task SomeoneNowWithNobodyHereButAnOperatorAtAnotherProcessHandsTheCallerThereWithTheirWaySoFar()
    {
        var desk = new ScriptedDesk { Staffed = false };
        desk.Elsewhere[DeskLine.Operators] = Other;
        var call = new CallFlowHarness([Key('2')]) { Desk = desk };

        var session = await call.RunAsync();

        Assert.Equal(CallOutcome.HandedOver, session.Outcome);
        Assert.Equal(Other, session.DeskAt);
        Assert.Equal(DeskLine.Operators, session.DeskLine);
        Assert.Equal($"handed to the operator queue of the process at {Other}", session.OutcomeDetail);
        Assert.Empty(desk.Log);
        Assert.Equal([DeskLine.Operators], desk.AskedElsewhere);
        Assert.Equal([CallState.MainMenu, CallState.HandingToDesk, CallState.Ended], call.StatesEntered.SkipWhile(s => s != nameof(CallState.MainMenu)).Select(Enum.Parse<CallState>));
        Assert.DoesNotContain("play someone-now-menu", call.Log);
        Assert.Contains(call.Events, e => e.Name == "live-person" && e.Detail == $"operators of the process at {Other}: policy operators-first, desk not staffed here, staffed at {Other}");
        Assert.Equal(
            ["heard the greeting and the emergency instruction", "pressed 2: speak with someone now"],
            call.Events.Where(e => e.Kind == CallFlow.DeskPathEvent).Select(e => e.Detail));
    }

    [Fact]
    public async Task SomeoneNowWithAnOperatorHereStaysHereAndNeverAsksAnotherProcess()
    {
        var desk = new ScriptedDesk { Staffed = true };
        desk.Elsewhere[DeskLine.Operators] = Other;
        var call = new CallFlowHarness([Key('2')]) { Desk = desk };
        call.Caller.HangUpInRoom = 1;

        var session = await call.RunAsync();

        Assert.Null(session.DeskAt);
        Assert.Empty(desk.AskedElsewhere);
        Assert.Equal(["join Routine", "end"], desk.Log);
    }

    [Fact]
    public async Task NobodyHereOrAnywhereSendsSomeoneNowToTheDoctor()
    {
        var desk = new ScriptedDesk { Staffed = false };
        var call = new CallFlowHarness([Key('2')]) { Desk = desk };

        var session = await call.RunAsync();

        Assert.Null(session.DeskAt);
        Assert.Equal([DeskLine.Operators], desk.AskedElsewhere);
        Assert.Contains("play someone-now-menu", call.Log);
        Assert.Contains(call.Events, e => e.Name == "live-person" && e.Detail == "the doctor: policy operators-first, desk not staffed");
    }

    [Fact]
    public async Task APracticeWhoseCallersGoStraightToTheDoctorNeverAsksAnotherProcess()
    {
        var desk = new ScriptedDesk { Staffed = false };
        desk.Elsewhere[DeskLine.Operators] = Other;
        var call = new CallFlowHarness([Key('2')])
        {
            Desk = desk,
            Practice = Practice with { Desk = DeskSettings.Default with { LivePerson = LivePersonPolicy.DoctorDirect } },
        };

        var session = await call.RunAsync();

        Assert.Null(session.DeskAt);
        Assert.Empty(desk.AskedElsewhere);
        Assert.Contains("play someone-now-menu", call.Log);
    }

    [Fact]
    public async Task Pressing3WithNoNurseHereButANurseAtAnotherProcessHandsTheCallerToItsNurseLineWithoutSayingNoNurse()
    {
        var desk = new ScriptedDesk { Staffed = true, NursesStaffed = false };
        desk.Elsewhere[DeskLine.Nurses] = Other;
        var call = new CallFlowHarness([Key('3')])
        {
            Desk = desk,
            Practice = Practice with { Desk = DeskSettings.Default with { NurseOption = true } },
        };

        var session = await call.RunAsync();

        Assert.Equal(CallOutcome.HandedOver, session.Outcome);
        Assert.Equal(Other, session.DeskAt);
        Assert.Equal(DeskLine.Nurses, session.DeskLine);
        Assert.DoesNotContain("play desk-no-nurse", call.Log);
        Assert.Empty(desk.Log);
        Assert.Contains(call.Events, e => e.Name == "desk-hand-over" && e.Detail == $"handed to the nurse queue of the process at {Other}");
    }

    [Fact]
    public async Task APracticeThatRoutesSomeoneNowToTriageHandsTheCallerToAnotherProcesssNurses()
    {
        var desk = new ScriptedDesk { Staffed = true, NursesStaffed = false };
        desk.Elsewhere[DeskLine.Nurses] = Other;
        var call = new CallFlowHarness([Key('2')])
        {
            Desk = desk,
            Practice = Practice with { Desk = DeskSettings.Default with { NurseRoute = NurseRoute.LivePerson } },
        };

        var session = await call.RunAsync();

        Assert.Equal(Other, session.DeskAt);
        Assert.Equal(DeskLine.Nurses, session.DeskLine);
        Assert.Equal([DeskLine.Nurses], desk.AskedElsewhere);
    }

    [Fact]
    public async Task ACallerHandedInJoinsThisDesksQueueWithoutAGreetingAndIsNeverHandedOnAgain()
    {
        var desk = new ScriptedDesk { Staffed = true };
        desk.Elsewhere[DeskLine.Operators] = "agi://10.0.0.3:4573";
        var call = new CallFlowHarness([]) { Desk = desk, HandedIn = DeskLine.Operators };
        call.Caller.HangUpInRoom = 1;

        var session = await call.RunAsync();

        Assert.Equal(["join Routine", "end"], desk.Log);
        Assert.Empty(desk.AskedElsewhere);
        Assert.DoesNotContain("answer", call.Log);
        Assert.DoesNotContain(call.Log, l => l.StartsWith("play greeting", StringComparison.Ordinal));
        Assert.Equal(CallState.HoldingForOperator, call.StatesEntered.Select(Enum.Parse<CallState>).First());
        Assert.Contains(call.Events, e => e.Name == "desk-hand-over" && e.Detail == "handed in for the operator queue");
        Assert.Equal(CallOutcome.CallerHungUp, session.Outcome);
    }

    [Fact]
    public async Task ACallerHandedInForANurseJoinsTheNurseQueue()
    {
        var desk = new ScriptedDesk { Staffed = false, NursesStaffed = true };
        var call = new CallFlowHarness([]) { Desk = desk, HandedIn = DeskLine.Nurses };
        call.Caller.HangUpInRoom = 1;

        await call.RunAsync();

        Assert.Equal(["join Routine nurses", "end"], desk.Log);
        Assert.Contains("play desk-nurse-hold", call.Log);
    }

    [Fact]
    public async Task ACallerHandedInForANurseWhenNoNurseIsLeftHereGoesToTheOperatorsHereWithOneDecision()
    {
        var desk = new ScriptedDesk { Staffed = true, NursesStaffed = false };
        desk.Elsewhere[DeskLine.Nurses] = Other;
        var call = new CallFlowHarness([]) { Desk = desk, HandedIn = DeskLine.Nurses };
        call.Caller.HangUpInRoom = 1;

        await call.RunAsync();

        Assert.Equal(["join Routine", "end"], desk.Log);
        Assert.Empty(desk.AskedElsewhere);
        Assert.DoesNotContain("play desk-no-nurse", call.Log);
        Assert.Equal(["operators: policy operators-first, desk staffed"], call.Events.Where(e => e.Name == "live-person").Select(e => e.Detail));
    }

    [Fact]
    public async Task ACallerHandedInWhenNobodyIsLeftHereGoesWhereSomeoneNowGoesAndIsNotHandedBack()
    {
        var desk = new ScriptedDesk { Staffed = false };
        desk.Elsewhere[DeskLine.Operators] = Other;
        var call = new CallFlowHarness([]) { Desk = desk, HandedIn = DeskLine.Operators };

        var session = await call.RunAsync();

        Assert.Empty(desk.Log);
        Assert.Empty(desk.AskedElsewhere);
        Assert.Null(session.DeskAt);
        Assert.Equal(CallState.SomeoneNowMenu, call.StatesEntered.Select(Enum.Parse<CallState>).First());
        Assert.Contains("play someone-now-menu", call.Log);
    }

    [Fact]
    public async Task ACallerWaitingWithNobodyFreeHereMovesToAnotherProcessWithSomeoneFreeWithTheirWaySoFar()
    {
        var desk = new ScriptedDesk { Staffed = true };
        desk.FreeElsewhere[DeskLine.Operators] = Other;
        var call = new CallFlowHarness([Key('2')]) { Desk = desk };

        var session = await call.RunAsync();

        Assert.Equal(["join Routine", "move", "end"], desk.Log);
        Assert.Equal([DeskLine.Operators], desk.AskedFreeElsewhere);
        Assert.Equal([session.UniqueId], desk.AskedFreeElsewhereFor);
        Assert.Equal(CallOutcome.HandedOver, session.Outcome);
        Assert.Equal(Other, session.DeskAt);
        Assert.Equal([CallState.HoldingForOperator, CallState.HandingToDesk, CallState.Ended], call.StatesEntered.SkipWhile(s => s != nameof(CallState.HoldingForOperator)).Select(Enum.Parse<CallState>));
        // The hold prompt was heard; the first announcement was not (the caller moved before it).
        Assert.Contains("play desk-hold", call.Log);
        Assert.Equal(
            ["heard the greeting and the emergency instruction", "pressed 2: speak with someone now", "joined the operator queue", "waited 1 s in the operator queue of another process, where nobody was free"],
            call.Events.Where(e => e.Kind == CallFlow.DeskPathEvent).Select(e => e.Detail));
        Assert.Contains(call.Events, e => e.Name == "desk-hand-over" && e.Detail == $"handed to the operator queue of the process at {Other}");
    }

    [Fact]
    public async Task ACallerAnOperatorsPhoneIsRingingForStaysAndHearsTheirPlaceInTheQueue()
    {
        var desk = new ScriptedDesk { Staffed = true, Movable = false };
        desk.FreeElsewhere[DeskLine.Operators] = Other;
        var call = new CallFlowHarness([Key('2')]) { Desk = desk };
        call.Caller.HangUpInRoom = 2;

        var session = await call.RunAsync();

        Assert.Equal(["join Routine", "move refused", "move refused", "end"], desk.Log);
        Assert.Null(session.DeskAt);
        Assert.Equal(CallOutcome.CallerHungUp, session.Outcome);
    }

    [Fact]
    public async Task ACallerHandedInIsNeverMovedOnEvenWithSomeoneFreeElsewhere()
    {
        var desk = new ScriptedDesk { Staffed = true };
        desk.FreeElsewhere[DeskLine.Operators] = Other;
        var call = new CallFlowHarness([]) { Desk = desk, HandedIn = DeskLine.Operators };
        call.Caller.HangUpInRoom = 2;

        var session = await call.RunAsync();

        Assert.Equal(["join Routine", "end"], desk.Log);
        Assert.Empty(desk.AskedFreeElsewhere);
        Assert.True(desk.Joined!.HandedIn);
        Assert.Equal(CallOutcome.CallerHungUp, session.Outcome);
    }

    [Fact]
    public async Task ACallerWaitingWithNobodyFreeAnywhereKeepsWaitingHere()
    {
        var desk = new ScriptedDesk { Staffed = true };
        var call = new CallFlowHarness([Key('2')]) { Desk = desk };
        call.Caller.HangUpInRoom = 2;

        var session = await call.RunAsync();

        Assert.Equal(["join Routine", "end"], desk.Log);
        Assert.Equal([DeskLine.Operators, DeskLine.Operators], desk.AskedFreeElsewhere);
        Assert.False(desk.Joined!.HandedIn);
        Assert.Null(session.DeskAt);
    }

    [Fact]
    public async Task ACallerMovedInKeepsThePlaceTheyHadUrgentAndByTheirFirstQueueingWithoutBeingAskedAgain()
    {
        var firstQueued = new DateTimeOffset(2026, 11, 22, 7, 5, 0, TimeSpan.Zero);
        var desk = new ScriptedDesk { Staffed = true, Now = ScriptedDesk.Waiting(2, TimeSpan.FromMinutes(3)) };
        var call = new CallFlowHarness([]) { Desk = desk, HandedIn = DeskLine.Operators, QueuedBefore = (true, firstQueued) };
        call.Caller.HangUpInRoom = 1;

        await call.RunAsync();

        Assert.Equal(["join Urgent", "end"], desk.Log);
        Assert.Equal(firstQueued, desk.Joined!.QueuedBefore);
        Assert.DoesNotContain("play desk-urgent-ask", call.Log);
    }

    [Fact]
    public async Task ACallerMovedInWhoWasRoutineThereIsRoutineHereAndMayStillSayItIsUrgent()
    {
        var desk = new ScriptedDesk { Staffed = true, Now = ScriptedDesk.Waiting(2, TimeSpan.FromMinutes(3)) };
        var call = new CallFlowHarness([]) { Desk = desk, HandedIn = DeskLine.Operators, QueuedBefore = (false, null) };
        call.Caller.HangUpInRoom = 1;

        await call.RunAsync();

        Assert.Equal("join Routine", desk.Log[0]);
        Assert.Null(desk.Joined!.QueuedBefore);
        Assert.Contains("play desk-urgent-ask", call.Log);
    }
}
