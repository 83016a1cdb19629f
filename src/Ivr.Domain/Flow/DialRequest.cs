using Ivr.Domain.Practices;

namespace Ivr.Domain.Flow;

/// <summary>What the dialer needs to ring the chain for one caller.</summary>
/// <param name="Room">The ConfBridge room the caller waits in.</param>
/// <param name="Practice">The practice (its name is whispered to the clinician).</param>
/// <param name="CallerNumber">Caller id to whisper (read digit by digit), if known.</param>
/// <param name="Chain">Who to ring, in order.</param>
public sealed record DialRequest(string Room, PracticeProfile Practice, string? CallerNumber, IReadOnlyList<OnCallContact> Chain);
