using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Portal.Security;

/// <summary>
/// Sign-in posts (the form and the API) are limited per client address and for all addresses
/// together; beyond the limit the answer is 429 with Retry-After, before any password is hashed.
/// A patient's confirmation page (<c>/confirm/{token}</c>, shown and posted), whose token is its only
/// key, is limited the same way with its own counts, so nobody can try tokens at speed.
/// Every other request passes untouched.
/// </summary>
public static class SignInRateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, PortalOptions options)
    {
        var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return IsSignIn(context.Request) ? RateLimitPartition.GetFixedWindowLimiter("signin " + address, _ => Limit(options.SignInsPerAddressPerMinute))
                : IsPatientLink(context.Request) ? RateLimitPartition.GetFixedWindowLimiter("link " + address, _ => Limit(options.LinkRequestsPerAddressPerMinute))
                : RateLimitPartition.GetNoLimiter(string.Empty);
        });
        var everyone = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsSignIn(context.Request) ? RateLimitPartition.GetFixedWindowLimiter("signin", _ => Limit(options.SignInsPerMinute))
            : IsPatientLink(context.Request) ? RateLimitPartition.GetFixedWindowLimiter("link", _ => Limit(options.LinkRequestsPerMinute))
            : RateLimitPartition.GetNoLimiter(string.Empty));
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(perAddress, everyone);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    public static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (request.Path.Equals("/signin", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/api/session", StringComparison.OrdinalIgnoreCase));

    /// <summary>A patient's confirmation page, shown or posted.</summary>
    public static bool IsPatientLink(HttpRequest request) => request.Path.StartsWithSegments("/confirm", StringComparison.OrdinalIgnoreCase);

    private static FixedWindowRateLimiterOptions Limit(int permits) => new() { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true };
}
