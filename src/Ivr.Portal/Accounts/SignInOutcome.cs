using Ivr.Domain.Accounts;

namespace Ivr.Portal.Accounts;

/// <summary>The result of a sign-in: the user on success, the end of the lock when locked out.</summary>
public sealed record SignInOutcome(SignInStatus Status, PortalUser? User = null, DateTimeOffset? LockedUntil = null);
