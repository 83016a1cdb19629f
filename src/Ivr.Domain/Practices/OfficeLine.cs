namespace Ivr.Domain.Practices;

/// <summary>The practice's own office line, rung first in business hours.</summary>
/// <param name="DialString">Asterisk dial string of the office (a ring group or trunk number).</param>
/// <param name="RingTimeout">How long the office rings before the service answers.</param>
public sealed record OfficeLine(string DialString, TimeSpan RingTimeout);
