using Ivr.Portal.Accounts;
using Ivr.Portal.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ivr.Portal.Settings;

/// <summary><c>/api/practices/{id}/settings</c>: a practice's settings with their history, and changing them; the page's rules, in JSON.</summary>
public static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/practices/{practiceId}/settings").RequireAuthorization();
        api.MapGet("/", GetAsync);
        api.MapPut("/", PutAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        return app;
    }

    private static async Task<IResult> GetAsync(string practiceId, HttpContext context, SettingsAccess access)
    {
        var lookup = await access.OpenAsync(context.Who(), practiceId, context.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return lookup.Status == LookupStatus.Denied ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.NotFound();
        }

        var practice = lookup.Practice!;
        return Results.Ok(SettingsJson.Of(practice, lookup.Revision, access.GreetingWords(practice), SettingsAccess.History(lookup.Revisions!)));
    }

    private static async Task<IResult> PutAsync(string practiceId, SettingsJson body, HttpContext context, SettingsAccess access)
    {
        var shape = new List<SettingsError>();
        var request = body.ToRequest(shape);
        if (shape.Count > 0)
        {
            return Results.BadRequest(new { errors = shape });
        }

        var outcome = await access.SaveAsync(context.Who(), practiceId, request, context.RequestAborted);
        return outcome.Status switch
        {
            SettingsStatus.Done or SettingsStatus.Unchanged => Results.Ok(new { revision = outcome.Revision, changes = outcome.Changes!.Select(c => new SettingsJson.ChangeJson(c.Setting, c.Before, c.After, c.Text)) }),
            SettingsStatus.Invalid => Results.BadRequest(new { errors = outcome.ErrorList }),
            SettingsStatus.Stale => Results.Conflict(new { error = outcome.ErrorList[0].Message, revision = outcome.Revision }),
            SettingsStatus.GreetingFailed => Results.Json(new { error = outcome.ErrorList[0].Message }, statusCode: StatusCodes.Status503ServiceUnavailable),
            SettingsStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.NotFound(),
        };
    }
}
