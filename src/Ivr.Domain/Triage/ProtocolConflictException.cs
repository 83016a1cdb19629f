namespace Ivr.Domain.Triage;

/// <summary>A protocol's id and version are already kept with other content: a new content needs a new version.</summary>
public sealed class ProtocolConflictException(string id, string version)
    : Exception($"protocol '{id}' version '{version}' is already imported with other content; give the changed protocol a new version")
{
    public string Id { get; } = id;

    public string Version { get; } = version;
}
