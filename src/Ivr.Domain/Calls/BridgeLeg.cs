namespace Ivr.Domain.Calls;

/// <summary>One attempt to reach a clinician for a caller who asked for a live person.</summary>
/// <param name="Attempt">1 for the first in the chain.</param>
/// <param name="ClinicianId">Who was called.</param>
/// <param name="StartedAt">When the call to them started.</param>
/// <param name="EndedAt">When the attempt ended.</param>
/// <param name="Result"><c>accepted</c>, <c>declined</c>, <c>no-answer</c>, <c>busy</c>, <c>failed</c>, <c>cancelled</c>.</param>
/// <param name="Detail">Asterisk's reason or other words.</param>
public sealed record BridgeLeg(int Attempt, string ClinicianId, DateTimeOffset StartedAt, DateTimeOffset EndedAt, string Result, string Detail);
