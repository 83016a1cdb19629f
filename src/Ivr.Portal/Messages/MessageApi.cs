using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Portal.Accounts;
using Ivr.Portal.Security;
using Ivr.Portal.Triage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ivr.Portal.Messages;

/// <summary><c>/api/messages</c>: the inbox, one message, acknowledge and resolve; the pages' rules, in JSON.</summary>
public static class MessageApi
{
    public static IEndpointRouteBuilder MapMessageApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/messages").RequireAuthorization();
        api.MapGet("/", InboxAsync);
        api.MapGet("/{id:long}", GetAsync);
        api.MapPost("/{id:long}/ack", (long id, NoteJson? body, HttpContext context, MessageAccess access) => AdvanceAsync(id, MessageStatus.Acknowledged, body?.Note, context, access))
            .AddEndpointFilter<AntiforgeryHeaderFilter>();
        api.MapPost("/{id:long}/resolve", (long id, NoteJson? body, HttpContext context, MessageAccess access) => AdvanceAsync(id, MessageStatus.Resolved, body?.Note, context, access))
            .AddEndpointFilter<AntiforgeryHeaderFilter>();
        return app;
    }

    /// <summary>The inbox; <c>?kind=appointment</c> lists appointment requests only.</summary>
    private static async Task<IResult> InboxAsync(HttpContext context, MessageAccess access, bool resolved = false, bool mine = false, string? kind = null)
    {
        var who = context.Who();
        if (!who.SeesPatientData)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var appointments = string.Equals(kind, "appointment", StringComparison.OrdinalIgnoreCase);
        var inbox = await access.InboxAsync(who, resolved, mine, appointments, context.RequestAborted);
        return Results.Ok(inbox.Select(MessageSummaryJson.From));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, MessageAccess access, IDispatchStore dispatch, TriageReviewAccess reviews)
    {
        var lookup = await access.OpenAsync(context.Who(), id, "message.view", context.RequestAborted);
        return lookup.Status switch
        {
            LookupStatus.Found => Results.Ok(MessageDetailJson.From(
                lookup.Message!,
                await dispatch.HistoryAsync(id, context.RequestAborted),
                await dispatch.AttemptsAsync(id, context.RequestAborted),
                lookup.Message!.Typed is { IsTriage: true } ? await reviews.ForMessageAsync(context.Who(), lookup.Message.CallId, id, context.RequestAborted) : null)),
            // Another practice's message answers exactly as a missing one (the refusal is audited): ids reveal nothing.
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> AdvanceAsync(long id, MessageStatus status, string? note, HttpContext context, MessageAccess access)
    {
        var outcome = await access.AdvanceAsync(context.Who(), id, status, note, context.RequestAborted);
        return outcome switch
        {
            AdvanceStatus.Done => Results.Ok(new { id, status }),
            AdvanceStatus.AlreadyThere => Results.Conflict(new { id, error = $"the message is {status} or further already" }),
            AdvanceStatus.NoteTooLong => Results.BadRequest(new { id, error = $"a note is at most {MessageLifecycle.MaxNoteLength} characters" }),
            _ => Results.NotFound(),
        };
    }

    /// <summary>The optional body of acknowledge and resolve: what the person did (kept encrypted).</summary>
    public sealed record NoteJson(string? Note);
}
