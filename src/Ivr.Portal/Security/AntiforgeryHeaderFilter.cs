using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Ivr.Portal.Security;

/// <summary>
/// API calls that change something carry the antiforgery token in the <see cref="HeaderName"/>
/// header (from <c>GET /api/session</c>), as forms carry it in a hidden field: another site cannot
/// make a signed-in browser acknowledge a message.
/// </summary>
public sealed class AntiforgeryHeaderFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return Results.Problem(title: $"Missing or invalid {HeaderName} header; get a token from GET /api/session.", statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(context);
    }
}
