using System.Collections.Concurrent;
using System.Security.Cryptography;
using Ivr.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Accounts;

/// <summary>
/// Pending second-factor sign-ins, kept on the server under a random id; the browser holds only the
/// id, in its own cookie (<see cref="CookieName"/>), which no page or API accepts as a session. A
/// pending sign-in ends after <see cref="SecondFactorOptions.PendingLifetime"/>, after too many wrong
/// factors, or when it succeeds; a restart forgets them all (the user types the password again).
/// </summary>
public sealed class PendingSignIns(IOptions<SecondFactorOptions> options, TimeProvider time)
{
    public const string CookieName = "ivr-portal-2fa";
    private readonly ConcurrentDictionary<string, PendingSignIn> _pending = new(StringComparer.Ordinal);

    public void Begin(HttpContext context, PortalUser user, SecondFactorStep step, string? returnUrl)
    {
        Sweep();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _pending[id] = new PendingSignIn(user.Id, step, returnUrl, time.GetUtcNow() + options.Value.PendingLifetime);
        context.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = options.Value.PendingLifetime,
        });
    }

    /// <summary>The request's pending sign-in, or null when it has none or it ran out.</summary>
    public PendingSignIn? Find(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { } id || !_pending.TryGetValue(id, out var pending))
        {
            return null;
        }

        if (pending.ExpiresAt <= time.GetUtcNow())
        {
            _pending.TryRemove(id, out _);
            return null;
        }

        return pending;
    }

    /// <summary>Counts a wrong factor; true when that was the last one allowed (the pending sign-in is gone).</summary>
    public bool Fail(HttpContext context, PendingSignIn pending)
    {
        lock (pending)
        {
            pending.Attempts++;
        }

        if (pending.Attempts < options.Value.MaxAttempts)
        {
            return false;
        }

        End(context);
        return true;
    }

    public void End(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is { } id)
        {
            _pending.TryRemove(id, out _);
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Secure = true, SameSite = SameSiteMode.Strict, Path = "/" });
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, pending) in _pending)
        {
            if (pending.ExpiresAt <= now)
            {
                _pending.TryRemove(id, out _);
            }
        }
    }
}
