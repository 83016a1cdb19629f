using Ivr.Domain.Calls;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ivr.Portal.Calls;

/// <summary><c>/api/calls</c>: the call list (by day and outcome) and one call's timeline, under the pages' rules.</summary>
public static class CallApi
{
    public static IEndpointRouteBuilder MapCallApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calls").RequireAuthorization();
        api.MapGet("/", SearchAsync);
        api.MapGet("/{id:long}", GetAsync);
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpContext context, CallAccess access, IPracticeStore practices, string? day = null, string? outcome = null)
    {
        var who = context.Who();
        if (!who.SeesCalls)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        DateTimeOffset? from = null, until = null;
        if (day is not null)
        {
            var practice = who.CallsPractice is { } id ? await practices.GetAsync(id, context.RequestAborted) : null;
            if (!CallDay.TryParse(day, practice, out var start, out var end))
            {
                return Results.Problem(title: $"day takes a date like 2026-11-22, not '{day}'.", statusCode: StatusCodes.Status400BadRequest);
            }

            (from, until) = (start, end);
        }

        return Results.Ok(await access.SearchAsync(who, from, until, outcome, context.RequestAborted));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, CallAccess access, ICallRecordStore calls, IMessageStore messages)
    {
        var lookup = await access.OpenAsync(context.Who(), id, context.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return lookup.Status == LookupStatus.Denied ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.NotFound();
        }

        return Results.Ok(new CallDetailJson(
            lookup.Call!,
            await calls.EventsAsync(id, context.RequestAborted),
            await calls.LegsAsync(id, context.RequestAborted),
            (await messages.ForCallAsync(id, context.RequestAborted)).Select(MessageSummaryJson.From).ToArray()));
    }
}
