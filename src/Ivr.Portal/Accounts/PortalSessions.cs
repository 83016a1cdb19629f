using System.Security.Claims;
using Ivr.Domain.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Accounts;

/// <summary>
/// Starts and ends the server-side session behind the sign-in cookie. Every way in (the form, the
/// API, a second-factor step) ends with <see cref="StartSessionAsync"/> once the user is proven.
/// </summary>
public sealed class PortalSessions(PortalAccounts accounts, IOptions<PortalOptions> options)
{
    /// <summary>Makes a session for <paramref name="user"/>, sets the cookie and returns the request's new principal.</summary>
    public async Task<ClaimsPrincipal> StartSessionAsync(HttpContext context, PortalUser user)
    {
        var (token, session) = await accounts.StartSessionAsync(
            user,
            new SessionPolicy(options.Value.SessionLifetime),
            context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Headers.UserAgent.ToString(),
            context.RequestAborted);
        await context.SignInAsync(PortalClaims.Scheme, PortalClaims.CookiePrincipal(token));
        var principal = PortalClaims.Principal(user, session.Id);
        context.User = principal;
        return principal;
    }

    /// <summary>Revokes the request's session on the server and deletes the cookie.</summary>
    public async Task EndSessionAsync(HttpContext context)
    {
        if (PortalClaims.Identity(context.User) is { } who && PortalClaims.SessionId(context.User) is { } id)
        {
            await accounts.SignOutAsync(who.UserId, id, context.RequestAborted);
        }

        await context.SignOutAsync(PortalClaims.Scheme);
    }
}
