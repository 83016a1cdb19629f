namespace Ivr.Domain.Desk;

/// <summary>
/// An account that works the desk (an operator, a nurse, or the supervisor) and the phone the desk rings them on: an
/// Asterisk dial string (a SIP phone), or null until they have one.
/// </summary>
public sealed record OperatorAccount(long UserId, string Username, bool IsDisabled, string? Phone, bool IsSupervisor = false, bool IsNurse = false);
