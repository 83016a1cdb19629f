using Ivr.Domain.Desk;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Domain.Tests.Desk;

/// <summary>Needs nothing: the desk's monthly figures (offered, answered, abandoned, left, SL, SL2, waits) and operator occupancy.</summary>
public sealed class DeskReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);
    private static readonly ServiceLevelTarget Riverside = new(80, TimeSpan.FromSeconds(20));
    private static readonly ServiceLevelTarget Harbor = new(90, TimeSpan.FromSeconds(30));

    [Fact]
    public void CallersWhoLeftForAMessageOrTheDoctorAreOfferedButNeitherAnsweredNorAbandoned()
    {
        DeskCallFact[] calls =
        [
            Answered(1, "riverside", 5), Answered(2, "riverside", 25), HungUp(3, "riverside", 10),
            Left(4, "riverside", DeskLeave.Message, 95), Left(5, "riverside", DeskLeave.Doctor, 91), Left(6, "riverside", DeskLeave.SafetyNet, 40),
            new DeskCallFact(7, "riverside", DeskPriority.Routine, Start),
        ];

        var figures = DeskFigures.Of("riverside", calls, Target);

        Assert.Equal((7, 2, 1, 1, 1, 1), (figures.Offered, figures.Answered, figures.Abandoned, figures.LeftForMessage, figures.LeftForDoctor, figures.SafetyNet));
        Assert.Equal(Riverside, figures.Target);
        Assert.Equal(0.5, figures.Sl);
        Assert.Equal(2.0 / 3, figures.Sl2);
        Assert.Equal(15, figures.AverageWaitSeconds);
        Assert.Equal(25, figures.P90WaitSeconds);
        Assert.False(figures.MetTarget);
    }

    [Fact]
    public void TheOverallFiguresMeasureEachCallerAgainstTheirOwnPracticesTarget()
    {
        // 25 s is late for Riverside (20 s) but on time for Harbor (30 s).
        DeskCallFact[] calls = [Answered(1, "riverside", 25), Answered(2, "harbor", 25), HungUp(3, "harbor", 28), HungUp(4, "riverside", 28)];

        var report = DeskReport.Build(calls, Target, [], [], Start, Start.AddDays(1));

        Assert.Equal(["harbor", "riverside"], report.Practices.Select(p => p.PracticeId));
        Assert.Equal(1.0, report.Practices[0].Sl);
        Assert.Equal(0.0, report.Practices[1].Sl);
        Assert.Null(report.Overall.PracticeId);
        Assert.Null(report.Overall.Target);
        Assert.Null(report.Overall.MetTarget);
        Assert.Equal(0.5, report.Overall.Sl);
        Assert.Equal(0.5, report.Overall.Sl2);
        Assert.Equal(4, report.Overall.Offered);
    }

    [Fact]
    public void AnAnswerWinsOverALaterLeaveAndNothingMeasuredIsNull()
    {
        var answeredThenLeft = Answered(1, "riverside", 12) with { LeftAt = Start.AddSeconds(30), LeftHow = DeskLeave.HungUp };
        var onlyLeft = DeskFigures.Of("riverside", [Left(2, "riverside", DeskLeave.Message, 95)], Target);
        var none = DeskFigures.Of(null, [], Target);

        Assert.Equal(new DeskOutcome("riverside", TimeSpan.FromSeconds(12), Answered: true), answeredThenLeft.Outcome);
        Assert.Equal((1, 0, 0), (onlyLeft.Offered, onlyLeft.Answered, onlyLeft.Abandoned));
        Assert.Null(onlyLeft.Sl);
        Assert.Null(onlyLeft.Sl2);
        Assert.Null(onlyLeft.AverageWaitSeconds);
        Assert.Null(none.Sl);
        Assert.Null(none.P90WaitSeconds);
    }

    [Fact]
    public void OccupancyIsTimeOnCallsAndInWrapUpOverTimeSignedInUntilNow()
    {
        var time = new FakeTimeProvider(Start);
        var changes = new List<OperatorStatusChange>();
        void Set(string name, OperatorStatus status) => changes.Add(new OperatorStatusChange(name, status, time.GetUtcNow()));

        // Sam: available 10 min, on a call 20 min, wrap-up 5 min, on break 5 min, signed out; Kai: available from the 30th minute.
        Set("sam", OperatorStatus.Available);
        time.Advance(TimeSpan.FromMinutes(10));
        Set("sam", OperatorStatus.Offered);
        Set("sam", OperatorStatus.OnCall);
        time.Advance(TimeSpan.FromMinutes(20));
        Set("sam", OperatorStatus.WrapUp);
        Set("kai", OperatorStatus.Available);
        time.Advance(TimeSpan.FromMinutes(5));
        Set("sam", OperatorStatus.OnBreak);
        time.Advance(TimeSpan.FromMinutes(5));
        Set("sam", OperatorStatus.SignedOut);
        time.Advance(TimeSpan.FromMinutes(20));

        var (operators, all) = OperatorOccupancy.Of(changes, [], Start, time.GetUtcNow());

        Assert.Equal(["kai", "sam"], operators.Select(o => o.Operator));
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.Zero, 0.0), (operators[0].AtDesk, operators[0].Busy, operators[0].Share));
        Assert.Equal((TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(25)), (operators[1].AtDesk, operators[1].Busy));
        Assert.Equal(25.0 / 40, operators[1].Share);
        Assert.Equal((TimeSpan.FromMinutes(70), TimeSpan.FromMinutes(25)), (all.AtDesk, all.Busy));
    }

    [Fact]
    public void OccupancyCountsAnsweredCallsOnceWithTheStatusesAndOnlyWithinThePeriod()
    {
        // On a call since before the period (the last change before it says so), and an answered call's
        // handle time overlapping its own OnCall status and running past a status the log missed.
        OperatorStatusChange[] changes =
        [
            new("sam", OperatorStatus.OnCall, Start.AddMinutes(-10)),
            new("sam", OperatorStatus.Available, Start.AddMinutes(5)),
            new("sam", OperatorStatus.OnCall, Start.AddMinutes(20)),
            new("sam", OperatorStatus.SignedOut, Start.AddMinutes(30)),
        ];
        DeskCallFact[] handled = [new(9, "riverside", DeskPriority.Urgent, Start.AddMinutes(19), Start.AddMinutes(20), "sam", ReleasedAt: Start.AddMinutes(40))];

        var (operators, all) = OperatorOccupancy.Of(changes, handled, Start, Start.AddMinutes(60));

        Assert.Equal(TimeSpan.FromMinutes(5 + 20), operators.Single().Busy);
        Assert.Equal(TimeSpan.FromMinutes(40), operators.Single().AtDesk);
        Assert.Equal(all.Busy, operators.Single().Busy);
        Assert.Null(new OperatorOccupancy(null, TimeSpan.Zero, TimeSpan.Zero).Share);
    }

    [Fact]
    public void ServiceLevelOverPracticesKeepsTheirTargetWhenShared()
    {
        DeskOutcome[] outcomes = [new("a", TimeSpan.FromSeconds(25), true), new("b", TimeSpan.FromSeconds(25), true)];

        var shared = ServiceLevel.Of(outcomes, _ => TimeSpan.FromSeconds(30));
        var mixed = ServiceLevel.Of(outcomes, id => TimeSpan.FromSeconds(id == "a" ? 20 : 30));

        Assert.Equal((TimeSpan.FromSeconds(30), 1.0), (shared.Target, shared.Sl));
        Assert.Equal((TimeSpan.Zero, 0.5), (mixed.Target, mixed.Sl));
    }

    private static ServiceLevelTarget Target(string practiceId) => practiceId == "harbor" ? Harbor : Riverside;

    private static DeskCallFact Answered(long id, string practice, int seconds) =>
        new(id, practice, DeskPriority.Routine, Start, Start.AddSeconds(seconds), "sam", ReleasedAt: Start.AddSeconds(seconds + 60));

    private static DeskCallFact HungUp(long id, string practice, int seconds) => Left(id, practice, DeskLeave.HungUp, seconds);

    private static DeskCallFact Left(long id, string practice, DeskLeave how, int seconds) =>
        new(id, practice, DeskPriority.Routine, Start, LeftAt: Start.AddSeconds(seconds), LeftHow: how);
}
