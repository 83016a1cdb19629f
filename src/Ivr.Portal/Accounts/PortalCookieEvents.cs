using Ivr.Domain.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Ivr.Portal.Accounts;

/// <summary>
/// Checks each request's cookie against the server-side session: a signed-out, revoked or expired
/// session, or a disabled, removed or re-roled account, loses it at once and the cookie is deleted.
/// Who the user is comes from the store, never from the cookie (which carries only the session token).
/// The API answers 401/403 rather than redirecting to the sign-in page, and
/// a refusal is a plain 403 everywhere (the page explains it), never a redirect.
/// </summary>
public sealed class PortalCookieEvents(PortalAccounts accounts) : CookieAuthenticationEvents
{
    /// <summary>Where a request keeps its checked session token for checks later in the same request (the live stream's).</summary>
    public const string TokenItem = "ivr:session-token";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var token = context.Principal?.FindFirst(PortalClaims.Session)?.Value;
        var live = await accounts.ValidateAsync(token, touch: !Passive(context.HttpContext.Request), context.HttpContext.RequestAborted);
        if (live is not { } valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PortalClaims.Scheme);
            return;
        }

        context.HttpContext.Items[TokenItem] = token;
        // The request sees the user as stored now; the cookie is not rewritten with it (ShouldRenew stays false).
        context.ReplacePrincipal(PortalClaims.Principal(valid.User, valid.Session.Id));
    }

    /// <summary>
    /// The live view's stream and a campaign page's stay open with nobody at the keyboard, and the desk page says it
    /// shows a card without anyone touching it, so none renews the session: whoever walks away from the page is signed
    /// out after the idle timeout like anywhere else.
    /// </summary>
    public override Task CheckSlidingExpiration(CookieSlidingExpirationContext context)
    {
        if (Passive(context.HttpContext.Request))
        {
            context.ShouldRenew = false;
        }

        return base.CheckSlidingExpiration(context);
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        IsApi(context.Request) ? Status(context, StatusCodes.Status401Unauthorized) : base.RedirectToLogin(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        Status(context, StatusCodes.Status403Forbidden);

    private static bool Passive(HttpRequest request) =>
        request.Path.StartsWithSegments(Live.LiveApi.StreamPath) || request.Path.StartsWithSegments(Desk.DeskApi.SeenPath) || Campaigns.CampaignApi.IsStream(request.Path);

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
