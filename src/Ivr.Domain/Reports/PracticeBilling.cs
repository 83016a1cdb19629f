namespace Ivr.Domain.Reports;

/// <summary>One practice's bill for a month: its calls, their billable seconds, and the minutes by <see cref="BillingRule"/>.</summary>
public sealed record PracticeBilling(string PracticeId, int Calls, int BillableSeconds, int BillableMinutes);
