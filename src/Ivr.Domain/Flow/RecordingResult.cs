namespace Ivr.Domain.Flow;

/// <summary>A recording and how it ended.</summary>
/// <param name="Path">Where the audio is (as the server stores it).</param>
/// <param name="Duration">Length of audio recorded.</param>
/// <param name="CallerHungUp">True when the caller hung up while recording; the audio is kept.</param>
public sealed record RecordingResult(string Path, TimeSpan Duration, bool CallerHungUp);
