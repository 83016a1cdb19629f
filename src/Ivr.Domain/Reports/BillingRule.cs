namespace Ivr.Domain.Reports;

/// <summary>
/// How answered time becomes billed minutes: each call is rounded up to the next whole minute on its
/// own (61 seconds bill 2 minutes), then the month's calls are added up; a call with no billable
/// seconds (never answered) bills nothing.
/// </summary>
public static class BillingRule
{
    public const string Description = "each call's billable seconds rounded up to the next whole minute, then summed; a call of 0 seconds bills 0";

    public static int Minutes(int billableSeconds) => billableSeconds <= 0 ? 0 : (billableSeconds + 59) / 60;

    public static int Minutes(IEnumerable<int> billableSeconds) => billableSeconds.Sum(Minutes);
}
