namespace Ivr.Domain.Desk;

/// <summary>
/// An operator's portal account and the phone the desk rings them on: an Asterisk dial string (a SIP
/// phone), or null until they have one.
/// </summary>
public sealed record OperatorAccount(long UserId, string Username, bool IsDisabled, string? Phone);
