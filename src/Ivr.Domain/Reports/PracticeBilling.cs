namespace Ivr.Domain.Reports;

/// <summary>One practice's bill for a month: its calls, their billable seconds, and the minutes by <see cref="BillingRule"/>.</summary>
public sealed record PracticeBilling(string PracticeId, int Calls, int BillableSeconds, int BillableMinutes)
{
    /// <summary>The bill of each practice among <paramref name="calls"/>, in practice id order.</summary>
    public static IReadOnlyList<PracticeBilling> Of(IEnumerable<ReportCall> calls) =>
        [.. calls
            .GroupBy(c => c.PracticeId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PracticeBilling(g.Key, g.Count(), g.Sum(c => c.BillableSeconds), BillingRule.Minutes(g.Select(c => c.BillableSeconds))))];
}
