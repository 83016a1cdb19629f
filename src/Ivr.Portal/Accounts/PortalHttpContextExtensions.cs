using Ivr.Domain.Accounts;
using Microsoft.AspNetCore.Http;

namespace Ivr.Portal.Accounts;

/// <summary>The signed-in user of a request that passed authorization.</summary>
public static class PortalHttpContextExtensions
{
    public static PortalIdentity Who(this HttpContext context) =>
        PortalClaims.Identity(context.User) ?? throw new InvalidOperationException("The request reached a portal endpoint without a portal sign-in.");
}
