namespace Ivr.Domain.Triage;

/// <summary>
/// One triage question of a protocol: a "yes" sets <see cref="Disposition"/> and gives
/// <see cref="CareAdvice"/> (if any) to read to the caller. <see cref="Id"/> is unique within its
/// protocol; the pathway and the FHIR export name the question by it.
/// </summary>
public sealed record TriageQuestion(string Id, string Text, Disposition Disposition, string? CareAdvice = null);
