namespace Ivr.Domain.Practices;

/// <summary>Where a call goes when it arrives: the practice it reached and how it is covered now.</summary>
public sealed record CallRoute(PracticeProfile Practice, CoverageDecision Coverage);
