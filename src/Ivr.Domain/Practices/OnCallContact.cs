namespace Ivr.Domain.Practices;

/// <summary>One step of an on-call chain: who to ring, how, and for how long.</summary>
/// <param name="ClinicianId">Stable identifier of the clinician.</param>
/// <param name="DisplayName">Name for records and the portal (never logged).</param>
/// <param name="DialString">Asterisk dial string, e.g. <c>PJSIP/sipp/sip:drlee@127.0.0.1:5070</c>.</param>
/// <param name="RingTimeout">How long to ring before moving on.</param>
/// <param name="Reason">Why this person is in the chain (schedule entry, override, supervisor).</param>
public sealed record OnCallContact(string ClinicianId, string DisplayName, string DialString, TimeSpan RingTimeout, string Reason);
