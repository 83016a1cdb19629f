namespace Ivr.Domain.Live;

/// <summary>One Asterisk channel of a call in progress.</summary>
/// <param name="Name">Asterisk's channel name, e.g. <c>PJSIP/trunk-0000002a</c>.</param>
/// <param name="Role"><c>patient</c>, <c>physician</c> (a leg the service rang) or <c>other</c> (e.g. the office line).</param>
/// <param name="Attempt">For a physician leg, its place in the on-call chain (1 first).</param>
/// <param name="State">Asterisk's channel state: <c>Ring</c>, <c>Ringing</c>, <c>Up</c>, …</param>
/// <param name="InConference">True while the channel is in the call's ConfBridge room.</param>
public sealed record LiveChannel(string Name, string Role, int? Attempt, string State, bool InConference);
