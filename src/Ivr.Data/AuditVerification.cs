namespace Ivr.Data;

/// <summary>What walking the audit chain found: how many rows held, and the first that did not.</summary>
/// <param name="Rows">Rows that were checked and held.</param>
/// <param name="FailedRow">The id the problem is about (the changed, unlinked or first missing row); null when the chain holds.</param>
/// <param name="Problem">The problem in words, e.g. <c>row 17 changed</c>; null when the chain holds.</param>
public sealed record AuditVerification(long Rows, long? FailedRow, string? Problem)
{
    public bool Holds => Problem is null;
}
