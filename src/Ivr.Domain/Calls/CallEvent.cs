namespace Ivr.Domain.Calls;

/// <summary>One entry of a call's timeline: a state entered or a decision taken, and why.</summary>
/// <param name="At">When.</param>
/// <param name="Kind"><c>state</c>, <c>decision</c>, <c>prompt</c> or <c>error</c>.</param>
/// <param name="Name">The state name or decision name.</param>
/// <param name="Detail">Why, in words; never contains digits the caller entered or other patient data.</param>
public sealed record CallEvent(DateTimeOffset At, string Kind, string Name, string Detail);
