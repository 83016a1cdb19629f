namespace Ivr.Asterisk.Agi;

/// <summary>What GET DATA collected.</summary>
/// <param name="Digits">The digits entered, possibly empty.</param>
/// <param name="TimedOut">True when input ended by timeout rather than by # or the digit limit.</param>
public sealed record AgiDigitsResult(string Digits, bool TimedOut);
