using Ivr.Domain.Scheduling;
using Ivr.Portal.Accounts;
using Ivr.Portal.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ivr.Portal.OnCall;

/// <summary><c>/api/practices/{id}/oncall</c>: the calendar, its warnings, and adding and cancelling overrides; the page's rules, in JSON.</summary>
public static class OnCallApi
{
    private const int MaxDays = 62;

    public static IEndpointRouteBuilder MapOnCallApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/practices/{practiceId}/oncall").RequireAuthorization();
        api.MapGet("/", GetAsync);
        api.MapPost("/overrides", AddAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        api.MapDelete("/overrides/{overrideId:long}", CancelAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        return app;
    }

    private static async Task<IResult> GetAsync(string practiceId, HttpContext context, OnCallAccess access, TimeProvider time, DateOnly? from = null, int days = 7)
    {
        if (days is < 1 or > MaxDays)
        {
            return Results.BadRequest(new { error = $"days must be 1 to {MaxDays}" });
        }

        var lookup = await access.OpenAsync(context.Who(), practiceId, context.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return lookup.Status == LookupStatus.Denied ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.NotFound();
        }

        var practice = lookup.Practice!;
        var clock = practice.Clock();
        var first = from ?? DateOnly.FromDateTime(clock.Local(time.GetUtcNow()));
        var start = clock.Instant(first.ToDateTime(TimeOnly.MinValue));
        var end = clock.Instant(first.AddDays(days).ToDateTime(TimeOnly.MinValue));
        var schedule = await access.ScheduleAsync(practice, start, end, context.RequestAborted);
        var layers = OnCallTimeline.LayersOf(schedule).Select(l => new OnCallJson.LayerJson(
            l,
            Layers.Name(l),
            OnCallTimeline.Segments(schedule, l, start, end).Select(s => new OnCallJson.ShiftJson(s.ClinicianId, s.From, s.Until, s.OverrideId)).ToArray())).ToArray();
        var findings = (await access.CheckAsync(practice, context.RequestAborted)).Select(f => new OnCallJson.FindingJson(f.Kind, f.From, f.Until, f.Message)).ToArray();
        return Results.Ok(new OnCallJson(practice.Id, practice.TimeZone, start, end, layers, findings, schedule.Overrides.Select(OverrideJson.Of).ToArray()));
    }

    private static async Task<IResult> AddAsync(string practiceId, OverrideJson body, HttpContext context, OnCallAccess access)
    {
        if (!Layers.TryParse(body.Layer ?? string.Empty, out var layer))
        {
            return Results.BadRequest(new { error = "layer must be primary, backup or a layer number" });
        }

        var change = await access.AddOverrideAsync(context.Who(), practiceId, new OverrideRequest(layer, body.ClinicianId ?? string.Empty, body.From, body.Until, body.Reason ?? string.Empty), context.RequestAborted);
        return change.Status switch
        {
            OverrideStatus.Done => Results.Created($"/api/practices/{practiceId}/oncall/overrides/{change.Id}", new { id = change.Id }),
            OverrideStatus.Invalid => Results.BadRequest(new { error = change.Error }),
            OverrideStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> CancelAsync(string practiceId, long overrideId, HttpContext context, OnCallAccess access)
    {
        var change = await access.CancelOverrideAsync(context.Who(), practiceId, overrideId, context.RequestAborted);
        return change.Status switch
        {
            OverrideStatus.Done => Results.NoContent(),
            OverrideStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.NotFound(),
        };
    }
}
