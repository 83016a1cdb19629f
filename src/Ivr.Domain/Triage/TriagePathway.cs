namespace Ivr.Domain.Triage;

/// <summary>
/// The whole of a finished triage, as kept (encrypted at rest) and exported: every protocol with its
/// version, each question and answer, the computed and the final disposition, the override, the care
/// advice given, the nurse and the times.
/// </summary>
public sealed record TriagePathway
{
    public required string Nurse { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public required IReadOnlyList<PathwayProtocol> Protocols { get; init; }

    /// <summary>The most urgent disposition the protocols reached.</summary>
    public required Disposition Computed { get; init; }

    public TriageOverride? Override { get; init; }

    /// <summary>The nurse's free-text note.</summary>
    public string Note { get; init; } = string.Empty;

    /// <summary>The override's disposition, else the computed one: what reports count and what acts.</summary>
    public Disposition Final => Override?.To ?? Computed;

    /// <summary>A downward override puts the triage on the on-call physician's review list.</summary>
    public bool NeedsPhysicianReview => Override?.NeedsPhysicianReview ?? false;

    /// <summary>What the final disposition does, by default (<see cref="DispositionActions.For"/>).</summary>
    public TriageActions Actions => DispositionActions.For(Final);

    /// <summary>The care advice read to the caller, one per finished protocol, in the order used.</summary>
    public IReadOnlyList<string> CareAdviceGiven => [.. Protocols.Where(p => p.CareAdvice.Length > 0).Select(p => p.CareAdvice)];
}
