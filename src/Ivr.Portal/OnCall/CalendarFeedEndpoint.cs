using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ivr.Portal.OnCall;

/// <summary>
/// <c>/calendar/{token}.ics</c>: a clinician's shifts for the next eight weeks, for their calendar
/// app, which cannot sign in. The unguessable token is the key; an unknown one is a plain 404.
/// </summary>
public static class CalendarFeedEndpoint
{
    public static string Url(string token) => $"/calendar/{token}.ics";

    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/{token}.ics", FeedAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> FeedAsync(string token, HttpContext context, ICalendarFeedStore feeds, IPracticeStore practices, TimeProvider time)
    {
        var feed = await feeds.FindAsync(token, context.RequestAborted);
        var practice = feed is null ? null : await practices.GetAsync(feed.PracticeId, context.RequestAborted);
        if (feed is null || practice is null)
        {
            return Results.NotFound();
        }

        var now = time.GetUtcNow();
        var from = now;
        var until = now + ClinicianCalendar.Ahead;
        var schedule = new OnCallSchedule(practice, await practices.OverridesAsync(practice.Id, from - ClinicianCalendar.Lookback, until, context.RequestAborted));
        var name = $"On call: {practice.Name} ({practice.Clinician(feed.ClinicianId)?.Name ?? feed.ClinicianId})";
        var body = ICalendarWriter.Write(name, ClinicianCalendar.Events(schedule, feed.ClinicianId, from, until), now);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Text(body, ICalendarWriter.ContentType);
    }
}
