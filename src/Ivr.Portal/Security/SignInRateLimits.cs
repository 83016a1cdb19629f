using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Portal.Security;

/// <summary>
/// Sign-in posts (the form and the API) are limited per client address and for all addresses
/// together; beyond the limit the answer is 429 with Retry-After, before any password is hashed.
/// Every other request passes untouched.
/// </summary>
public static class SignInRateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, PortalOptions options)
    {
        var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsSignIn(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Limit(options.SignInsPerAddressPerMinute))
                : RateLimitPartition.GetNoLimiter(string.Empty));
        var everyone = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsSignIn(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter("all", _ => Limit(options.SignInsPerMinute))
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

    private static FixedWindowRateLimiterOptions Limit(int permits) => new() { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true };
}
