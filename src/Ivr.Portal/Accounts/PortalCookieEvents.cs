using Ivr.Domain.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Ivr.Portal.Accounts;

/// <summary>
/// Checks each request's cookie against the account as stored: a removed, locked or re-roled account
/// loses its session at once, not when the cookie runs out. The API answers 401/403 rather than
/// redirecting to the sign-in page, and
/// a refusal is a plain 403 everywhere (the page explains it), never a redirect.
/// </summary>
public sealed class PortalCookieEvents(IUserStore users, TimeProvider time) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var identity = context.Principal is { } principal ? PortalClaims.Identity(principal) : null;
        var user = identity is null ? null : await users.GetAsync(identity.UserId, context.HttpContext.RequestAborted);
        if (identity is null || user is null || user.IsLockedOut(time.GetUtcNow()) || user.Identity() != identity)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PortalClaims.Scheme);
        }
    }

    /// <summary>
    /// The live view's stream stays open with nobody at the keyboard, so it never renews the session:
    /// an operator who walks away from the live page is signed out after the idle timeout like anywhere else.
    /// </summary>
    public override Task CheckSlidingExpiration(CookieSlidingExpirationContext context)
    {
        if (context.HttpContext.Request.Path.StartsWithSegments(Live.LiveApi.StreamPath))
        {
            context.ShouldRenew = false;
        }

        return base.CheckSlidingExpiration(context);
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        IsApi(context.Request) ? Status(context, StatusCodes.Status401Unauthorized) : base.RedirectToLogin(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        Status(context, StatusCodes.Status403Forbidden);

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
