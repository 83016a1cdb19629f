using System.Text;
using Ivr.Domain.Accounts;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Http;

namespace Ivr.Portal;

/// <summary>
/// What the portal's event streams (the live view's, the desk's) share: the session check on every turn,
/// writing an event, and the quiet wait that ends in a keep-alive, or in <c>expired</c> with the session.
/// </summary>
internal static class ServerSentEvents
{
    /// <summary>What the cookie check does at the start of each request, repeated on every turn of the stream's loop.</summary>
    public static async Task<bool> StillSignedInAsync(PortalAccounts accounts, string? token, PortalIdentity who, CancellationToken cancellationToken) =>
        await accounts.ValidateAsync(token, touch: false, cancellationToken) is { } live && live.User.Identity() == who;

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
