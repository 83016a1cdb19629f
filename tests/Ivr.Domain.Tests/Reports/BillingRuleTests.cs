using Ivr.Domain.Reports;

namespace Ivr.Domain.Tests.Reports;

/// <summary>Needs nothing: each call rounds up to the next whole minute on its own, and a call that was never answered bills nothing.</summary>
public sealed class BillingRuleTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    [InlineData(1, 1)]
    [InlineData(59, 1)]
    [InlineData(60, 1)]
    [InlineData(61, 2)]
    [InlineData(120, 2)]
    [InlineData(121, 3)]
    public void ACallRoundsUpToTheNextWholeMinute(int seconds, int minutes) =>
        Assert.Equal(minutes, BillingRule.Minutes(seconds));

    [Fact]
    public void AMonthSumsEachCallsRoundedMinutesNotTheRoundedSumOfSeconds()
    {
        // 30 + 30 + 61 seconds is 2 min 1 s in all, but three calls of 1, 1 and 2 minutes.
        Assert.Equal(4, BillingRule.Minutes([30, 30, 61, 0]));
    }
}
