using Ivr.Domain.Audit;

namespace Ivr.Portal.Audit;

/// <summary>A page of the audit log a user asked for, when they may have it, and how many rows the filter matches in all.</summary>
public sealed record AuditLookup(LookupStatus Status, IReadOnlyList<AuditRecord>? Rows = null, int Total = 0);
