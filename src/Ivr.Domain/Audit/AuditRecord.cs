namespace Ivr.Domain.Audit;

/// <summary>A stored audit row: its id, what it says, and its link in the chain (hex HMAC-SHA256).</summary>
public sealed record AuditRecord(long Id, AuditEntry Entry, string? Chain);
