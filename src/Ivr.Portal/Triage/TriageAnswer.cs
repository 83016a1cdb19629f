namespace Ivr.Portal.Triage;

/// <summary>What the triage API answers: the state when <see cref="Status"/> is open, else why not.</summary>
public sealed record TriageAnswer(TriageAccessStatus Status, TriageStateJson? State = null, string? Error = null, IReadOnlyDictionary<string, string>? Errors = null);
