namespace Ivr.Domain.Triage;

/// <summary>What an import did with one protocol: added it, or found that exact version already kept.</summary>
public sealed record ProtocolImport(string Id, string Version, bool Added);
