namespace Ivr.Domain.Reports;

/// <summary>How long something took over a month: how many were measured, the median and the 90th percentile, in seconds (null when none were).</summary>
public sealed record DurationStats(int Count, double? MedianSeconds, double? P90Seconds)
{
    public static DurationStats Of(IEnumerable<TimeSpan> durations)
    {
        var seconds = durations.Select(d => Math.Max(0, d.TotalSeconds)).ToArray();
        return new(seconds.Length, Percentiles.Median(seconds), Percentiles.Of(seconds, 90));
    }
}
