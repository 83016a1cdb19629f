using System.Text.Json;
using Ivr.Data;
using Ivr.Domain.Accounts;
using Ivr.Domain.Desk;
using Ivr.Portal.Accounts;
using Ivr.Portal.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Desk;

/// <summary>
/// <c>/api/desk</c>: what the operator sees (their status, the call offered to them or that they are on,
/// with the practice's card), their actions on it, and <c>/api/desk/events</c>, the same view pushed as
/// Server-Sent Events on every change, as the live view's stream does (it ends with <c>expired</c> when the
/// session does). Refused actions answer 409 with the desk's reason; a form the desk refused 422 with
/// the errors by field; a host without the desk 503.
/// </summary>
public static class DeskApi
{
    public const string StreamPath = "/api/desk/events";

    /// <summary>Where the desk page says it shows a call's card; passive (it neither touches nor renews the session).</summary>
    public const string SeenPath = "/api/desk/seen";

    /// <summary>How long the stream may stay silent before it sends a comment, so proxies keep it open.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>The statuses an operator sets themselves, as the API writes them.</summary>
    public static readonly IReadOnlyList<OperatorStatus> OwnStatuses = [OperatorStatus.Available, OperatorStatus.OnBreak, OperatorStatus.WrapUp, OperatorStatus.SignedOut];

    public static IEndpointRouteBuilder MapDeskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/desk").RequireAuthorization();
        api.MapGet("/", GetAsync);
        api.MapGet("/events", StreamAsync);
        api.MapPost("/status", StatusAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        api.MapPost("/message", MessageAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        api.MapPost("/patch", (HttpContext context, DeskAccess access) => ActAsync(access.PatchAsync(context.Who(), context.RequestAborted)))
            .AddEndpointFilter<AntiforgeryHeaderFilter>();
        api.MapPost("/transfer", TransferAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        api.MapPost("/release", (HttpContext context, DeskAccess access) => ActAsync(access.ReleaseAsync(context.Who(), context.RequestAborted)))
            .AddEndpointFilter<AntiforgeryHeaderFilter>();
        api.MapPost("/seen", SeenAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        return app;
    }

    /// <summary>Reads the status word the API and the page use (<c>on-break</c>, ...).</summary>
    public static bool TryParseStatus(string? text, out OperatorStatus status)
    {
        foreach (var candidate in Enum.GetValues<OperatorStatus>())
        {
            if (string.Equals(IvrJson.Word(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = OperatorStatus.SignedOut;
        return false;
    }

    private static async Task<IResult> GetAsync(HttpContext context, DeskAccess access)
    {
        var answer = await access.OpenAsync(context.Who(), "desk.view", context.RequestAborted);
        return answer.Access == DeskAccessStatus.Open ? Results.Ok(answer.Result) : Refused(answer.Access);
    }

    private static Task<IResult> StatusAsync(DeskStatusJson? body, HttpContext context, DeskAccess access)
    {
        if (!TryParseStatus(body?.Status, out var status))
        {
            return Task.FromResult(Results.BadRequest(new { error = $"status is one of: {string.Join(", ", OwnStatuses.Select(IvrJson.Word))}" }));
        }

        return ActAsync(access.SetStatusAsync(context.Who(), status, body?.Reason, context.RequestAborted));
    }

    private static Task<IResult> TransferAsync(DeskTransferJson? body, HttpContext context, DeskAccess access)
    {
        DeskTransferTarget? target = body?.Target?.Trim().ToLowerInvariant() switch
        {
            "nurse" => DeskTransferTarget.Nurse,
            "office" => DeskTransferTarget.Office,
            _ => null,
        };
        return target is { } to
            ? ActAsync(access.TransferAsync(context.Who(), to, context.RequestAborted))
            : Task.FromResult(Results.BadRequest(new { error = "target is nurse or office" }));
    }

    /// <summary>The page shows the card of <c>callId</c>: the desk rings the operator's phone now (<see cref="IDeskBoard.CardShown"/>).</summary>
    private static async Task<IResult> SeenAsync(DeskSeenJson? body, HttpContext context, DeskAccess access)
    {
        if (string.IsNullOrWhiteSpace(body?.CallId))
        {
            return Results.BadRequest(new { error = "callId is the call whose card the page shows" });
        }

        var seen = await access.SeenAsync(context.Who(), body.CallId, context.RequestAborted);
        return seen == DeskAccessStatus.Open ? Results.NoContent() : Refused(seen);
    }

    private static async Task<IResult> MessageAsync(DeskMessageJson? body, HttpContext context, DeskAccess access)
    {
        var form = (body ?? new DeskMessageJson(null, null, null, null, null, null, null, null)).ToForm(out var urgencyError);
        if (form is null)
        {
            return Results.UnprocessableEntity(new { errors = new Dictionary<string, string> { [DeskMessageJson.UrgencyField] = urgencyError! } });
        }

        var answer = await access.SaveMessageAsync(context.Who(), form, context.RequestAborted);
        return answer switch
        {
            { Access: not DeskAccessStatus.Open } => Refused(answer.Access),
            { Result.MessageId: { } id } => Results.Ok(new { messageId = id, created = answer.Result.Created }),
            { Result.Refusal: { } why } => Results.Conflict(new { error = why }),
            _ => Results.UnprocessableEntity(new { errors = answer.Result!.Errors }),
        };
    }

    private static async Task<IResult> ActAsync(Task<DeskAnswer<DeskResult>> acting)
    {
        var answer = await acting;
        return answer switch
        {
            { Access: not DeskAccessStatus.Open } => Refused(answer.Access),
            { Result.Done: true } => Results.Ok(new { done = true }),
            _ => Results.Conflict(new { error = answer.Result!.Refusal ?? "refused" }),
        };
    }

    private static IResult Refused(DeskAccessStatus access) => access == DeskAccessStatus.NotRunning
        ? Results.Json(new { error = "the operator desk is not running on this host" }, statusCode: StatusCodes.Status503ServiceUnavailable)
        : Results.StatusCode(StatusCodes.Status403Forbidden);

    private static async Task StreamAsync(
        HttpContext context,
        DeskAccess access,
        PortalAccounts accounts,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        IOptions<JsonOptions> json)
    {
        var who = context.Who();
        var opened = await access.OpenAsync(who, "desk.stream", context.RequestAborted);
        if (opened.Access != DeskAccessStatus.Open)
        {
            await Refused(opened.Access).ExecuteAsync(context);
            return;
        }

        var board = access.Board;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var sent = -1L;
        // OpenAsync audited the card of the call it saw; each later call's card is audited as it is sent.
        var cardShown = opened.Result!.Call?.CallId;
        try
        {
            var expires = await ServerSentEvents.OpenAsync(context, time, stop.Token);

            // While this page is open, a call offered to the operator rings their phone once the page shows its card (POST seen).
            using var watching = board.Watch(who.Username);
            while (true)
            {
                if (!await ServerSentEvents.StillSignedInAsync(context, accounts, who, stop.Token))
                {
                    return;
                }

                var changed = board.Changed;
                var view = board.View(who.Username);
                if (view.Version != sent)
                {
                    if (view.Call is { } call && call.CallId != cardShown)
                    {
                        await access.CardShownAsync(who, view, stop.Token);
                        cardShown = call.CallId;
                    }

                    var data = JsonSerializer.Serialize(view, json.Value.SerializerOptions);
                    await ServerSentEvents.WriteAsync(context, $"event: view\ndata: {data}\n\n", stop.Token);
                    sent = view.Version;
                }

                if (!await ServerSentEvents.WaitAsync(context, expires, time, Heartbeat, stop.Token, changed))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page went away or the service is stopping.
        }
    }
}
