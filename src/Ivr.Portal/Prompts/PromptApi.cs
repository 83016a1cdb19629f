using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ivr.Portal.Prompts;

/// <summary><c>/prompts/{owner}/{promptId}/audio</c>: a prompt's current audio, or a draft's (<c>?draft=</c>), as WAV, for the page's play buttons.</summary>
public static class PromptApi
{
    public static IEndpointRouteBuilder MapPromptApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/prompts/{owner}/{promptId}/audio", AudioAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> AudioAsync(string owner, string promptId, string? draft, HttpContext context, PromptAccess access)
    {
        var (status, wav) = await access.AudioAsync(context.Who(), PromptAccess.OwnerOf(owner), promptId, draft, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return status switch
        {
            LookupStatus.Found => Results.File(wav!, "audio/wav"),
            LookupStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.NotFound(),
        };
    }
}
