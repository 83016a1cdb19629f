namespace Ivr.Asterisk.Agi;

/// <summary>How a STREAM FILE or SAY command ended.</summary>
/// <param name="Digit">The escape digit the caller pressed, or null when the prompt played to its end.</param>
/// <param name="EndPosition">Samples played, when Asterisk reports it.</param>
public sealed record AgiPlaybackResult(char? Digit, long? EndPosition);
