namespace Ivr.Domain.Dispatch;

/// <summary>One row of a morning report batch to claim: its message, the step it must still be at, and when it is due again if the report fails.</summary>
public sealed record ReportClaim(long MessageId, int Step, DateTimeOffset NextDue);
