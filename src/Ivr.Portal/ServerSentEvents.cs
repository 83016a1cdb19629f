using System.Text;
using Ivr.Domain.Accounts;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ivr.Portal;

/// <summary>
/// What the portal's event streams (the live view's, the desk's) share: the session check on every turn,
/// writing an event, and the quiet wait that ends in a keep-alive, or in <c>expired</c> with the session.
/// </summary>
internal static class ServerSentEvents
{
    /// <summary>
    /// Starts the stream: an event stream, unbuffered, with the browser's retry delay; returns when the
    /// session's cookie expires (the stream says <c>expired</c> then).
    /// </summary>
    public static async Task<DateTimeOffset> OpenAsync(HttpContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        var expires = (await context.AuthenticateAsync(PortalClaims.Scheme)).Properties?.ExpiresUtc ?? time.GetUtcNow();
        context.Response.ContentType = "text/event-stream";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await WriteAsync(context, "retry: 5000\n\n", cancellationToken);
        return expires;
    }

    /// <summary>
    /// What the cookie check does at the start of each request, repeated on every turn of the stream's loop, so a
    /// revoked session's stream ends at its next event: false (after writing <c>expired</c>) once it no longer holds.
    /// </summary>
    public static async Task<bool> StillSignedInAsync(HttpContext context, PortalAccounts accounts, PortalIdentity who, CancellationToken cancellationToken)
    {
        var token = context.Items[PortalCookieEvents.TokenItem] as string;
        if (await accounts.ValidateAsync(token, touch: false, cancellationToken) is { } live && live.User.Identity() == who)
        {
            return true;
        }

        await WriteAsync(context, "event: expired\ndata: {}\n\n", cancellationToken);
        return false;
    }

    public static async Task WriteAsync(HttpContext context, string text, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Waits for one of <paramref name="changes"/>, writing a keep-alive comment when <paramref name="heartbeat"/>
    /// passes quietly first; false (after writing <c>expired</c>) once the session's cookie has expired.
    /// </summary>
    public static async Task<bool> WaitAsync(HttpContext context, DateTimeOffset expires, TimeProvider time, TimeSpan heartbeat, CancellationToken cancellationToken, params Task[] changes)
    {
        var left = expires - time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            await WriteAsync(context, "event: expired\ndata: {}\n\n", cancellationToken);
            return false;
        }

        var quiet = Task.Delay(left < heartbeat ? left : heartbeat, time, cancellationToken);
        if (await Task.WhenAny([.. changes, quiet]) == quiet)
        {
            await quiet;
            await WriteAsync(context, ": keep-alive\n\n", cancellationToken);
        }

        return true;
    }
}
