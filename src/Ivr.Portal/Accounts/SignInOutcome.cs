using Ivr.Domain.Accounts;

namespace Ivr.Portal.Accounts;

/// <summary>The result of a sign-in: the user on success.</summary>
public sealed record SignInOutcome(SignInStatus Status, PortalUser? User = null);
