using Ivr.Domain.Desk;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Domain.Tests.Desk;

/// <summary>Needs nothing: who the desk offers to whom, in which order, and what happens when an operator does not answer.</summary>
public sealed class DeskQueueTests
{
    private static readonly TimeSpan Ring = TimeSpan.FromSeconds(15);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
    private readonly DeskQueue _desk = new();

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public void TheLongestIdleAvailableOperatorIsOfferedTheFirstCaller()
    {
        _desk.SetAvailable("sam", Now);
        _time.Advance(TimeSpan.FromMinutes(2));
        _desk.SetAvailable("ada", Now);
        _desk.SetOnBreak("bob", "coffee");
        _desk.Join("call-1", "riverside", DeskPriority.Routine, Now);

        var offer = Assert.Single(_desk.Offer(Now));

        Assert.Equal(("call-1", "sam"), (offer.CallId, offer.Operator));
        Assert.Equal(OperatorStatus.Offered, _desk.Describe("sam").Status);
        Assert.Equal(OperatorStatus.Available, _desk.Describe("ada").Status);
        Assert.Empty(_desk.Offer(Now));
    }

    [Fact]
    public void EachLineIsOfferedOnlyToThePeopleWorkingItAndAWaitingOperatorCallerDoesNotHoldUpTheNurseLine()
    {
        _desk.SetAvailable("garcia", Now, DeskLine.Nurses);
        _desk.Join("call-1", "riverside", DeskPriority.Urgent, Now);
        _time.Advance(TimeSpan.FromSeconds(5));
        _desk.Join("call-2", "riverside", DeskPriority.Routine, Now, DeskLine.Nurses);

        var offer = Assert.Single(_desk.Offer(Now));

        Assert.Equal(("call-2", "garcia"), (offer.CallId, offer.Operator));
        Assert.Null(_desk.Waiting().Single(c => c.CallId == "call-1").OfferedTo);
        Assert.Equal((1, 1), (_desk.Position("call-1"), _desk.Position("call-2")));
        Assert.Null(_desk.ExpectedWait("call-1", TimeSpan.FromMinutes(4)));
        Assert.True(_desk.Staffed(DeskLine.Nurses));
        Assert.False(_desk.Staffed(DeskLine.Operators));

        _desk.SetAvailable("sam", Now);
        Assert.Equal(("call-1", "sam"), (Assert.Single(_desk.Offer(Now)).CallId, _desk.Waiting().Single(c => c.CallId == "call-1").OfferedTo));
        Assert.Equal((DeskLine.Operators, DeskLine.Nurses), (_desk.Describe("sam").Line, _desk.Describe("garcia").Line));
    }

    [Fact]
    public void AWorkerSignedOutLeavesTheirLineUnstaffed()
    {
        _desk.SetAvailable("garcia", Now, DeskLine.Nurses);
        Assert.True(_desk.Staffed(DeskLine.Nurses));

        Assert.True(_desk.SignOut("garcia"));

        Assert.False(_desk.Staffed(DeskLine.Nurses));
    }

    [Fact]
    public void ACallerWhoSaysItIsUrgentGoesAheadOfEveryRoutineCallerButNotOfEarlierUrgentOnes()
    {
        _desk.Join("urgent-early", "riverside", DeskPriority.Urgent, Now);
        _time.Advance(TimeSpan.FromSeconds(5));
        _desk.Join("routine-early", "riverside", DeskPriority.Routine, Now);
        _time.Advance(TimeSpan.FromSeconds(5));
        _desk.Join("routine-late", "lakeside", DeskPriority.Routine, Now);

        Assert.True(_desk.MakeUrgent("routine-late"));

        Assert.False(_desk.MakeUrgent("routine-late"));
        Assert.False(_desk.MakeUrgent("unknown"));
        Assert.Equal(["urgent-early", "routine-late", "routine-early"], _desk.Waiting().Select(c => c.CallId));
        Assert.Equal(2, _desk.Position("routine-late"));
    }

    [Fact]
    public void UrgentCallersGoAheadOfRoutineOnesThenFirstComeFirstServed()
    {
        _desk.Join("routine-early", "riverside", DeskPriority.Routine, Now);
        _time.Advance(TimeSpan.FromSeconds(5));
        _desk.Join("urgent-late", "riverside", DeskPriority.Urgent, Now);
        _time.Advance(TimeSpan.FromSeconds(5));
        _desk.Join("routine-late", "lakeside", DeskPriority.Routine, Now);
        _desk.SetAvailable("sam", Now);
        _time.Advance(TimeSpan.FromSeconds(1));
        _desk.SetAvailable("ada", Now);

        var offers = _desk.Offer(Now);

        Assert.Equal([("urgent-late", "sam"), ("routine-early", "ada")], offers.Select(o => (o.CallId, o.Operator)));
        Assert.Equal(3, _desk.Position("routine-late"));
        Assert.Equal(1, _desk.Position("urgent-late"));
    }

    [Fact]
    public void AnOperatorWhoDoesNotAnswerIsPausedAndTheCallerGoesToTheNextKeepingTheirPlace()
    {
        _desk.SetAvailable("sam", Now);
        _time.Advance(TimeSpan.FromSeconds(1));
        _desk.SetAvailable("ada", Now);
        _desk.Join("call-1", "riverside", DeskPriority.Routine, Now);
        _time.Advance(TimeSpan.FromSeconds(1));
        _desk.Join("call-2", "riverside", DeskPriority.Routine, Now);
        var first = _desk.Offer(Now);
        _desk.Answer("ada", "call-2", Now);

        _time.Advance(Ring - TimeSpan.FromSeconds(1));
        var early = _desk.Overdue(Now, Ring);
        _time.Advance(TimeSpan.FromSeconds(1));
        var overdue = Assert.Single(_desk.Overdue(Now, Ring));
        var paused = _desk.NoAnswer(overdue.Operator, overdue.CallId, "did not answer within 15 s");
        _desk.SetAvailable("bob", Now);
        var next = Assert.Single(_desk.Offer(Now));

        Assert.Equal([("call-1", "sam"), ("call-2", "ada")], first.Select(o => (o.CallId, o.Operator)));
        Assert.Empty(early);
        Assert.Equal(("call-1", "sam"), (overdue.CallId, overdue.Operator));
        Assert.True(paused);
        var sam = _desk.Describe("sam");
        Assert.Equal(OperatorStatus.Paused, sam.Status);
        Assert.Equal("did not answer within 15 s", sam.Reason);
        Assert.Equal(("call-1", "bob"), (next.CallId, next.Operator));
        Assert.Equal(1, _desk.Position("call-1"));
        Assert.False(_desk.NoAnswer("sam", "call-1", "again"));
    }

    [Fact]
    public void AnsweringEndsTheWaitWithHowLongItTookAndReleasePutsTheOperatorInWrapUp()
    {
        _desk.SetAvailable("sam", Now);
        _desk.Join("call-1", "riverside", DeskPriority.Urgent, Now);
        _time.Advance(TimeSpan.FromSeconds(12));
        _desk.Offer(Now);
        _time.Advance(TimeSpan.FromSeconds(4));

        var outcome = _desk.Answer("sam", "call-1", Now);
        var again = _desk.Answer("sam", "call-1", Now);
        var onCall = _desk.Describe("sam").Status;
        var availableMidCall = _desk.SetAvailable("sam", Now);
        var released = _desk.Release("sam");
        _desk.Join("call-2", "riverside", DeskPriority.Urgent, Now);

        Assert.Equal(new DeskOutcome("riverside", TimeSpan.FromSeconds(16), Answered: true), outcome);
        Assert.Null(again);
        Assert.Equal(OperatorStatus.OnCall, onCall);
        Assert.False(availableMidCall);
        Assert.True(released);
        Assert.Equal(OperatorStatus.WrapUp, _desk.Describe("sam").Status);
        Assert.Empty(_desk.Offer(Now));
        Assert.Null(_desk.Position("call-1"));
    }

    [Fact]
    public void ACallerWhoHangsUpWhileRingingAnOperatorIsAbandonedAndTheOperatorStaysFirstInLine()
    {
        _desk.SetAvailable("sam", Now);
        _time.Advance(TimeSpan.FromSeconds(1));
        _desk.SetAvailable("ada", Now);
        _desk.Join("call-1", "riverside", DeskPriority.Routine, Now);
        _desk.Offer(Now);
        _time.Advance(TimeSpan.FromSeconds(7));

        var outcome = _desk.Leave("call-1", Now);
        var twice = _desk.Leave("call-1", Now);
        var answerAfter = _desk.Answer("sam", "call-1", Now);
        _desk.Join("call-2", "riverside", DeskPriority.Routine, Now);
        var next = Assert.Single(_desk.Offer(Now));

        Assert.Equal(new DeskOutcome("riverside", TimeSpan.FromSeconds(7), Answered: false), outcome);
        Assert.Null(twice);
        Assert.Null(answerAfter);
        Assert.Equal("sam", next.Operator);
    }

    [Fact]
    public void SigningOutWhileOfferedGivesTheCallBackAndNoOneLeavesTheDeskMidCall()
    {
        _desk.SetAvailable("sam", Now);
        _desk.Join("call-1", "riverside", DeskPriority.Routine, Now);
        _desk.Join("call-2", "riverside", DeskPriority.Routine, Now.AddSeconds(1));
        _desk.Offer(Now);

        var signedOut = _desk.SignOut("sam");
        _desk.SetAvailable("ada", Now);
        var offer = Assert.Single(_desk.Offer(Now));
        _desk.Answer("ada", "call-1", Now);

        Assert.True(signedOut);
        Assert.Equal("call-1", offer.CallId);
        Assert.False(_desk.SignOut("ada"));
        Assert.False(_desk.SetOnBreak("ada", "lunch"));
        Assert.Equal(OperatorStatus.OnCall, _desk.Describe("ada").Status);
    }

    [Fact]
    public void TheExpectedWaitIsNothingWhenSomeoneIsFreeRoundsOfCallsOtherwiseAndUnknownWithNobodyAtTheDesk()
    {
        var handle = TimeSpan.FromMinutes(3);
        _desk.Join("call-1", "riverside", DeskPriority.Routine, Now);
        var nobody = _desk.ExpectedWait("call-1", handle);
        _desk.SetAvailable("sam", Now);
        _desk.SetAvailable("ada", Now);
        for (var i = 2; i <= 5; i++)
        {
            _desk.Join($"call-{i}", "riverside", DeskPriority.Routine, Now.AddSeconds(i));
        }

        Assert.Null(nobody);
        Assert.Equal(TimeSpan.Zero, _desk.ExpectedWait("call-2", handle));
        Assert.Equal(handle, _desk.ExpectedWait("call-3", handle));
        Assert.Equal(handle, _desk.ExpectedWait("call-4", handle));
        Assert.Equal(handle * 2, _desk.ExpectedWait("call-5", handle));
        Assert.Null(_desk.ExpectedWait("nobody", handle));
    }
}
