namespace Ivr.Domain.Scheduling;

/// <summary>One problem in a practice's schedule, with the interval it concerns when it has one.</summary>
public sealed record ScheduleFinding(string PracticeId, FindingKind Kind, DateTimeOffset? From, DateTimeOffset? Until, string Message);
