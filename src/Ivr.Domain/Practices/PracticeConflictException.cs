namespace Ivr.Domain.Practices;

/// <summary>A practice cannot be saved as given, e.g. it claims another practice's number.</summary>
public sealed class PracticeConflictException(string message) : Exception(message);
