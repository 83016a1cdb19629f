namespace Ivr.Domain.Practices;

/// <summary>Where a call goes when it arrives: the practice it reached and how it is covered now.</summary>
/// <param name="Practice">The practice the dialed number belongs to, or the service's own profile.</param>
/// <param name="Coverage">How the practice is covered now, and why.</param>
/// <param name="AgreementRecorded">
/// False when the practice has no business associate agreement recorded: the call gets the emergency
/// instruction only and nothing of the caller is kept. A number no practice publishes is the service's
/// own and counts as recorded.
/// </param>
public sealed record CallRoute(PracticeProfile Practice, CoverageDecision Coverage, bool AgreementRecorded);
