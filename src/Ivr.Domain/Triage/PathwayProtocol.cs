namespace Ivr.Domain.Triage;

/// <summary>One protocol used in a triage: its id and version, the answers given, and where it led (null when left unfinished).</summary>
public sealed record PathwayProtocol
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    public required string Title { get; init; }

    public bool IsExample { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public IReadOnlyList<PathwayAnswer> Answers { get; init; } = [];

    /// <summary>The disposition this protocol reached; null when the nurse left it before the end.</summary>
    public Disposition? Reached { get; init; }

    /// <summary>The care advice that goes with <see cref="Reached"/> (a question's, or the home-care advice); empty when none.</summary>
    public string CareAdvice { get; init; } = string.Empty;
}
