namespace Ivr.Domain.Practices;

/// <summary>A practice was saved by someone else after the version a change was made from.</summary>
public sealed class PracticeChangedException(string practiceId, int expectedRevision, int currentRevision)
    : Exception($"Practice '{practiceId}' is at revision {currentRevision}, not {expectedRevision}: it was changed in the meantime.")
{
    public int ExpectedRevision { get; } = expectedRevision;

    public int CurrentRevision { get; } = currentRevision;
}
