namespace Ivr.Domain.Triage;

/// <summary>Keeps every version of every protocol ever imported; a triage names the version it used.</summary>
public interface IProtocolStore
{
    /// <summary>
    /// Adds the protocols in one transaction: a new id or version is added, the same id and version with
    /// the same content changes nothing, and the same id and version with other content refuses the whole
    /// import (<see cref="ProtocolConflictException"/>), so nothing is imported.
    /// </summary>
    Task<IReadOnlyList<ProtocolImport>> ImportAsync(IReadOnlyList<TriageProtocol> protocols, string by, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>A version of a protocol; without <paramref name="version"/>, the one imported last.</summary>
    Task<TriageProtocol?> GetAsync(string id, string? version = null, CancellationToken cancellationToken = default);

    /// <summary>The version of each protocol imported last, what the nurse's search offers.</summary>
    Task<IReadOnlyList<TriageProtocol>> LatestAsync(CancellationToken cancellationToken = default);

    /// <summary>Every version of every protocol, by id, then in the order imported.</summary>
    Task<IReadOnlyList<ProtocolVersion>> ListAsync(CancellationToken cancellationToken = default);
}
