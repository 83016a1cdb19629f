using Ivr.Asterisk;

namespace Ivr.Asterisk.Tests;

/// <summary>Needs nothing: percentiles from the log-spaced buckets stay within a bucket of the truth.</summary>
public sealed class LatencyRecorderTests
{
    [Fact]
    public void PercentilesLandWithinOneBucketOfTheTrueValue()
    {
        var recorder = new LatencyRecorder();
        for (var i = 1; i <= 1000; i++)
        {
            recorder.Record(TimeSpan.FromMicroseconds(i * 10));
        }

        Assert.Equal(1000, recorder.Count);
        Assert.InRange(recorder.Percentile(0.5).TotalMicroseconds, 5000, 5000 * 1.13);
        Assert.InRange(recorder.Percentile(0.99).TotalMicroseconds, 9900, 9900 * 1.13);
        Assert.InRange(recorder.Percentile(0).TotalMicroseconds, 10, 10 * 1.13);
    }

    [Fact]
    public void AnEmptyRecorderReportsZeroAndExtremesAreClamped()
    {
        var recorder = new LatencyRecorder();
        Assert.Equal(TimeSpan.Zero, recorder.Percentile(0.99));

        recorder.Record(TimeSpan.Zero);
        recorder.Record(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromMicroseconds(1), recorder.Percentile(0.5));
        Assert.Equal(TimeSpan.FromSeconds(100), recorder.Percentile(1));
    }
}
