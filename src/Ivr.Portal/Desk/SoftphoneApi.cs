using Ivr.Portal.Accounts;
using Microsoft.Net.Http.Headers;

namespace Ivr.Portal.Desk;

/// <summary>
/// <c>GET /api/desk/softphone</c>: the signed-in operator's softphone credentials (see
/// <see cref="SoftphoneAccess"/>): 200 with the WebSocket address, SIP address and a fresh password;
/// 403 for a role that does not work the desk; 404 when the operator has no softphone endpoint.
/// </summary>
public static class SoftphoneApi
{
    public const string Path = "/api/desk/softphone";

    public static IEndpointRouteBuilder MapSoftphoneApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext context, SoftphoneAccess access)
    {
        var lookup = await access.OpenAsync(context.Who(), context.RequestAborted);
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return lookup.Status switch
        {
            LookupStatus.Found => Results.Ok(lookup.Credentials),
            LookupStatus.NotFound => Results.NotFound(),
            _ => Results.StatusCode(StatusCodes.Status403Forbidden),
        };
    }
}
