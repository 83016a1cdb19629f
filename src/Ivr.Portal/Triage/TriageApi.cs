using Ivr.Domain.Triage;
using Ivr.Portal.Accounts;
using Ivr.Portal.Security;

namespace Ivr.Portal.Triage;

/// <summary>
/// <c>/api/triage</c>: the nurse's side of a triage, JSON in and out, every POST with the antiforgery header
/// as <c>/api/desk</c>. Each step answers the whole state (<see cref="TriageStateJson"/>) so the screen redraws
/// from it; a step the engine refuses answers 409 with why, patient fields that do not pass 422 by field, a
/// role that does not triage (or another nurse's call) 403, an unknown call 404.
/// </summary>
public static class TriageApi
{
    public static IEndpointRouteBuilder MapTriageApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/triage").RequireAuthorization();
        api.MapGet("/", async (long? call, HttpContext context, TriageAccess access) =>
            Answer(await access.ViewAsync(context.Who(), call, context.RequestAborted)));
        api.MapGet("/protocols", SearchAsync);
        Post(api, "/start", (access, who, body, ct) => access.StartAsync(who, body.CallRecordId, ct));
        Post(api, "/protocol", (access, who, body, ct) => string.IsNullOrWhiteSpace(body.ProtocolId)
            ? Task.FromResult(new TriageAnswer(TriageAccessStatus.Refused, Error: "protocolId names the protocol to use"))
            : access.UseAsync(who, body.CallRecordId, body.ProtocolId, ct));
        Post(api, "/answer", (access, who, body, ct) => body.Yes is { } yes
            ? access.AnswerAsync(who, body.CallRecordId, yes, ct)
            : Task.FromResult(new TriageAnswer(TriageAccessStatus.Invalid, Errors: new Dictionary<string, string> { ["yes"] = "answer yes (true) or no (false)" })));
        Post(api, "/back", (access, who, body, ct) => access.BackAsync(who, body.CallRecordId, ct));
        Post(api, "/override", (access, who, body, ct) => access.OverrideAsync(who, body.CallRecordId, body.Disposition, body.Reason, ct));
        Post(api, "/note", (access, who, body, ct) => access.NoteAsync(who, body.CallRecordId, body.Note, ct));
        Post(api, "/finish", (access, who, body, ct) => access.FinishAsync(
            who,
            body.CallRecordId,
            new TriagePatient(body.CallerName ?? string.Empty, body.PatientName ?? string.Empty, body.DateOfBirth ?? string.Empty, body.CallbackNumber ?? string.Empty, body.CallbackReadBack ?? false),
            ct));
        return app;
    }

    private static void Post(RouteGroupBuilder api, string path, Func<TriageAccess, PortalIdentity, TriageRequestJson, CancellationToken, Task<TriageAnswer>> step) =>
        api.MapPost(path, async (TriageRequestJson? body, HttpContext context, TriageAccess access) =>
                Answer(await step(access, context.Who(), body ?? new TriageRequestJson(), context.RequestAborted)))
            .AddEndpointFilter<AntiforgeryHeaderFilter>();

    private static async Task<IResult> SearchAsync(string? q, string? audience, HttpContext context, TriageAccess access)
    {
        ProtocolAudience? only = audience?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "adult" => ProtocolAudience.Adult,
            "pediatric" => ProtocolAudience.Pediatric,
            _ => (ProtocolAudience)(-1),
        };
        if (only is { } chosen && !Enum.IsDefined(chosen))
        {
            return Results.BadRequest(new { error = "audience is adult or pediatric" });
        }

        var (status, found) = await access.SearchAsync(context.Who(), q, only, context.RequestAborted);
        return status == TriageAccessStatus.Open
            ? Results.Ok(new { protocols = found.Select(ProtocolFoundJson.Of) })
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static IResult Answer(TriageAnswer answer) => answer.Status switch
    {
        TriageAccessStatus.Open => Results.Ok(answer.State),
        TriageAccessStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
        TriageAccessStatus.NotFound => Results.NotFound(new { error = "there is no such call" }),
        TriageAccessStatus.NoCall => Results.Conflict(new { error = "You have no call to triage: take one at the desk, or name the call record." }),
        TriageAccessStatus.Invalid => Results.UnprocessableEntity(new { errors = answer.Errors }),
        _ => Results.Conflict(new { error = answer.Error }),
    };
}
