using Ivr.Domain.Practices;

namespace Ivr.Domain.Flow;

/// <summary>What the dialer needs to ring the chain for one caller.</summary>
/// <param name="Room">The ConfBridge room the caller waits in.</param>
/// <param name="Practice">The practice (its name is whispered to the clinician).</param>
/// <param name="CallerNumber">Caller id to whisper (read digit by digit), if known.</param>
/// <param name="Chain">Who to ring, in order.</param>
/// <param name="Intro">What the clinician hears first; null for the service's own ("the answering service with a caller for" and the practice's name). An operator's patch names the operator.</param>
public sealed record DialRequest(string Room, PracticeProfile Practice, string? CallerNumber, IReadOnlyList<OnCallContact> Chain, IReadOnlyList<string>? Intro = null);
