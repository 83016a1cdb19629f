namespace Ivr.Domain.Triage;

/// <summary>A step the triage rules refuse (an override without a reason, an answer after the last question); the message says why.</summary>
public sealed class TriageException(string message) : Exception(message);
