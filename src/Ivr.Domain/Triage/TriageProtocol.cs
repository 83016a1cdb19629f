namespace Ivr.Domain.Triage;

/// <summary>
/// A triage protocol as data: its questions run from the highest acuity to the lowest, the first "yes"
/// sets the disposition, and "no" to every one gives <see cref="DefaultDisposition"/> with
/// <see cref="HomeCareAdvice"/>. A protocol is kept per version; a triage names the version it used.
/// </summary>
public sealed record TriageProtocol
{
    /// <summary>Lower-case letters, digits and dashes: <c>fever-child</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The publisher's version, as written (<c>1</c>, <c>2026.1</c>); compared as text.</summary>
    public required string Version { get; init; }

    public required string Title { get; init; }

    public required ProtocolAudience Audience { get; init; }

    /// <summary>Symptom words the nurse's search matches (besides the title).</summary>
    public IReadOnlyList<string> SearchWords { get; init; } = [];

    /// <summary>Ordered from the highest acuity to the lowest; never empty.</summary>
    public required IReadOnlyList<TriageQuestion> Questions { get; init; }

    public Disposition DefaultDisposition { get; init; } = Disposition.HomeCare;

    /// <summary>What the nurse reads when every answer is "no".</summary>
    public string HomeCareAdvice { get; init; } = string.Empty;

    /// <summary>An example written for this project, not licensed clinical content: marked so in the file and on every screen.</summary>
    public bool IsExample { get; init; }

    /// <summary>The words shown with an example protocol.</summary>
    public const string ExampleNotice = "example, not for clinical use";

    /// <summary>Content equality (records compare lists by reference): the same id and version must mean the same protocol.</summary>
    public bool SameContentAs(TriageProtocol other) =>
        this with { SearchWords = [], Questions = [] } == other with { SearchWords = [], Questions = [] }
        && SearchWords.SequenceEqual(other.SearchWords, StringComparer.Ordinal)
        && Questions.SequenceEqual(other.Questions);
}
