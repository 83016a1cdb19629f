using Ivr.Portal.Desk;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Security;

/// <summary>
/// Headers on every portal response: nothing is cached (pages and audio carry patient data, and a
/// shared workstation's back button must not show them after sign-out), nothing loads from
/// elsewhere, no inline script runs, and no other site may frame the portal. Pages may connect to
/// the portal itself and to the softphone's WebSocket (<see cref="SoftphoneOptions.WebSocketUrl"/>), nothing else.
/// </summary>
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'";

    public static Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var softphone = context.RequestServices.GetService<IOptions<SoftphoneOptions>>()?.Value;
            headers.ContentSecurityPolicy = softphone is null ? ContentSecurityPolicy : ContentSecurityPolicy + " " + softphone.WebSocketOrigin;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments("/assets"))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next();
    }
}
