namespace Ivr.Asterisk.Agi;

/// <summary>How RECORD FILE ended. A hangup is a result here, not an exception: what was recorded is kept.</summary>
/// <param name="EndedBy">Why the recording stopped.</param>
/// <param name="Digit">The escape digit pressed, when <see cref="EndedBy"/> is <see cref="AgiRecordEnd.Digit"/>.</param>
/// <param name="EndPosition">Samples recorded.</param>
public sealed record AgiRecordResult(AgiRecordEnd EndedBy, char? Digit, long? EndPosition);
