namespace Ivr.Domain.Reports;

/// <summary>
/// Percentiles by the nearest-rank method: the smallest value with at least p% of the values at or
/// below it. Every answer is a real observation (a median of 2 and 4 minutes is 2, not 3), which is
/// what a practice can check against its own messages.
/// </summary>
public static class Percentiles
{
    /// <summary>The <paramref name="percent"/>th percentile (0 &lt; percent ≤ 100) of <paramref name="values"/>; null when there are none.</summary>
    public static double? Of(IEnumerable<double> values, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1];
    }

    public static double? Median(IEnumerable<double> values) => Of(values, 50);
}
