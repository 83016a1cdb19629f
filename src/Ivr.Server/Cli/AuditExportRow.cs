namespace Ivr.Server.Cli;

/// <summary>One audit row as <c>ivr audit export</c> prints it (CSV columns and JSON properties, in this order).</summary>
public sealed record AuditExportRow(long Id, string At, string Actor, string Action, string SubjectType, string SubjectId, string Detail, string? Session, string? Address, string? Chain);
