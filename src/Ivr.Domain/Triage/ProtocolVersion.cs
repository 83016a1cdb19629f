namespace Ivr.Domain.Triage;

/// <summary>One kept version of a protocol, as listed.</summary>
public sealed record ProtocolVersion(string Id, string Version, string Title, ProtocolAudience Audience, bool IsExample, int Questions, DateTimeOffset ImportedAt, string ImportedBy, bool Latest);
