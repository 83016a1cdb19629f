using Ivr.Domain.Accounts;
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

    private static async Task<IResult> FeedAsync(string token, HttpContext context, ICalendarFeedStore feeds, IPracticeStore practices, IUserStore users, TimeProvider time)
    {
        var feed = await feeds.FindAsync(token, context.RequestAborted);
        var practice = feed is null ? null : await practices.GetAsync(feed.PracticeId, context.RequestAborted);
        // The feed dies with the clinician: gone from the practice's file, or their portal account removed.
        if (feed is null || practice?.Clinician(feed.ClinicianId) is null || !await AccountLivesAsync(users, feed, context.RequestAborted))
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

    private static async Task<bool> AccountLivesAsync(IUserStore users, CalendarFeed feed, CancellationToken cancellationToken) =>
        feed.AccountId is not { } id
        || (await users.GetAsync(id, cancellationToken) is { Role: PortalRole.Clinician, IsDisabled: false } user && user.PracticeId == feed.PracticeId && user.ClinicianId == feed.ClinicianId);
}
