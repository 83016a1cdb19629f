namespace Ivr.Asterisk;

/// <summary>
/// Counts durations in log-spaced buckets (20 per decade, from 1 µs to 100 s), so percentiles of
/// millions of samples cost a fixed 160 counters and no locks. A percentile is reported as the
/// upper edge of its bucket: at most 12 % above the true value.
/// </summary>
public sealed class LatencyRecorder
{
    private const int BucketsPerDecade = 20;
    private const int Decades = 8;
    private readonly long[] _counts = new long[(BucketsPerDecade * Decades) + 1];
    private long _total;

    public long Count => Interlocked.Read(ref _total);

    public void Record(TimeSpan elapsed)
    {
        var microseconds = Math.Max(elapsed.Ticks / 10.0, 1.0);
        var bucket = (int)Math.Ceiling(Math.Log10(microseconds) * BucketsPerDecade);
        Interlocked.Increment(ref _counts[Math.Clamp(bucket, 0, _counts.Length - 1)]);
        Interlocked.Increment(ref _total);
    }

    /// <summary>The duration below which a fraction <paramref name="quantile"/> (0..1) of samples fell; zero without samples.</summary>
    public TimeSpan Percentile(double quantile)
    {
        var total = Count;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var bucket = 0; bucket < _counts.Length; bucket++)
        {
            seen += Interlocked.Read(ref _counts[bucket]);
            if (seen >= Math.Max(rank, 1))
            {
                return TimeSpan.FromTicks((long)(Math.Pow(10, bucket / (double)BucketsPerDecade) * 10));
            }
        }

        return TimeSpan.FromSeconds(100);
    }
}
