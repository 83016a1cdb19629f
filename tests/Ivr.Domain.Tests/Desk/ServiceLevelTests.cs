using Ivr.Domain.Desk;

namespace Ivr.Domain.Tests.Desk;

/// <summary>Needs nothing: the service-level arithmetic contracts are written in (SL, SL2, speed of answer).</summary>
public sealed class ServiceLevelTests
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(20);

    [Fact]
    public void SlCountsAnsweredWithinTheTargetOverAnsweredAndSl2CountsEarlyAbandonsAsServed()
    {
        DeskOutcome[] outcomes =
        [
            Answered(5), Answered(20), Answered(21), Answered(60),
            Abandoned(8), Abandoned(45),
        ];

        var level = ServiceLevel.Of(outcomes, Target);

        Assert.Equal((6, 4, 2), (level.Offered, level.Answered, level.Abandoned));
        Assert.Equal(0.5, level.Sl);
        Assert.Equal(0.5, level.Sl2);
        Assert.Equal(26.5, level.AverageWaitSeconds);
        Assert.Equal(60, level.P90WaitSeconds);
    }

    [Fact]
    public void AnAbandonWithinTheTargetRaisesSl2ButNotSl()
    {
        var level = ServiceLevel.Of([Answered(30), Abandoned(3)], Target);

        Assert.Equal(0.0, level.Sl);
        Assert.Equal(0.5, level.Sl2);
        Assert.Equal(30, level.AverageWaitSeconds);
    }

    [Fact]
    public void NothingMeasuredIsNullNotZeroOrPerfect()
    {
        var none = ServiceLevel.Of([], Target);
        var onlyAbandoned = ServiceLevel.Of([Abandoned(50)], Target);

        Assert.Equal((0, null, null, null, null), (none.Offered, none.Sl, none.Sl2, none.AverageWaitSeconds, none.P90WaitSeconds));
        Assert.Null(onlyAbandoned.Sl);
        Assert.Equal(0.0, onlyAbandoned.Sl2);
        Assert.Null(onlyAbandoned.AverageWaitSeconds);
    }

    private static DeskOutcome Answered(int seconds) => new("riverside", TimeSpan.FromSeconds(seconds), Answered: true);

    private static DeskOutcome Abandoned(int seconds) => new("riverside", TimeSpan.FromSeconds(seconds), Answered: false);
}
