namespace Ivr.Domain.Practices;

/// <summary>One saved version of a practice: the whole document, its number, and who saved it when.</summary>
public sealed record PracticeRevision(int Revision, Practice Practice, DateTimeOffset SavedAt, string SavedBy);
