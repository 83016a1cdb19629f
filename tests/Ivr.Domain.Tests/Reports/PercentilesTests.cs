using Ivr.Domain.Reports;

namespace Ivr.Domain.Tests.Reports;

/// <summary>Needs nothing: nearest-rank percentiles, the method the Reports page states.</summary>
public sealed class PercentilesTests
{
    [Fact]
    public void NoValuesHaveNoPercentile()
    {
        Assert.Null(Percentiles.Median([]));
        Assert.Null(Percentiles.Of([], 90));
    }

    [Fact]
    public void OneValueIsEveryPercentile()
    {
        Assert.Equal(7, Percentiles.Median([7]));
        Assert.Equal(7, Percentiles.Of([7], 90));
    }

    [Fact]
    public void TheMedianOfAnEvenCountIsTheLowerMiddleObservationNotAnAverage()
    {
        Assert.Equal(2, Percentiles.Median([4, 2]));
        Assert.Equal(3, Percentiles.Median([5, 1, 3]));
    }

    [Fact]
    public void TheNinetiethPercentileOfTenValuesIsTheNinthAndOfElevenTheTenth()
    {
        double[] ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
        Assert.Equal(9, Percentiles.Of(ten, 90));
        Assert.Equal(10, Percentiles.Of([.. ten, 11], 90));
        Assert.Equal(10, Percentiles.Of(ten, 100));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public void APercentOutsideZeroToOneHundredIsRefused(double percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1], percent));

    [Fact]
    public void DurationStatsMeasureInSecondsAndCountWhatWasMeasured()
    {
        var stats = DurationStats.Of([TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(30)]);
        Assert.Equal(new DurationStats(3, 420, 1800), stats);
        Assert.Equal(new DurationStats(0, null, null), DurationStats.Of([]));
    }
}
