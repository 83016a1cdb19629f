namespace Ivr.Domain.Reports;

/// <summary>One call as the reports see it: whose, when, how long it billed and why it was routed where it was.</summary>
public sealed record ReportCall(string PracticeId, DateTimeOffset StartedAt, int BillableSeconds, string? RouteReason);
