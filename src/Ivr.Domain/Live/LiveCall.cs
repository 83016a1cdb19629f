using Ivr.Domain.Flow;

namespace Ivr.Domain.Live;

/// <summary>One call in progress, as the live view shows it.</summary>
/// <param name="Id">The patient channel's Asterisk uniqueid (the FastAGI session's and the AMI channel's).</param>
/// <param name="PracticeId">The practice; null while (or when) the service has no session for the channel.</param>
/// <param name="PracticeName">The practice's name, when known.</param>
/// <param name="TimeZone">The practice's zone (IANA), when known.</param>
/// <param name="StartedAt">When the service first saw the call.</param>
/// <param name="State">The call flow's state; null when the service has no session for it.</param>
/// <param name="Status">Where the call stands, in words (e.g. "ringing physician 2").</param>
/// <param name="Caller">The caller's number masked to its last digits (never whole), or null when withheld.</param>
/// <param name="Channels">The patient's channel and the legs rung for them.</param>
public sealed record LiveCall(
    string Id,
    string? PracticeId,
    string? PracticeName,
    string? TimeZone,
    DateTimeOffset StartedAt,
    CallState? State,
    string Status,
    string? Caller,
    IReadOnlyList<LiveChannel> Channels);
