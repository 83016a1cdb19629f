using System.Text;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Outbound;
using Ivr.Portal.Accounts;
using Ivr.Portal.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Campaigns;

/// <summary>
/// <c>/api/campaigns</c>: the campaigns pages' rules in JSON (<see cref="CampaignAccess"/>). GET lists the campaigns the
/// user may run; POST (antiforgery header) creates one as a draft from a <see cref="CampaignRequest"/> (400 with every
/// error); GET <c>/{id}</c> is the campaign with its patients, attempts and AMD accuracy; POST <c>/{id}/start</c>,
/// <c>pause</c>, <c>resume</c>, <c>cancel</c> move it (409 with the refusal in words);
/// POST <c>/{id}/patients/{patientId}/confirm</c> marks a patient reached at the front desk; POST
/// <c>/{id}/attempts/{attemptId}/amd</c> labels AMD right or wrong; <c>/{id}/events</c> streams the campaign as it
/// progresses (Server-Sent Events, audited once, not keeping the session alive). Beside them the export
/// <c>/campaigns/{id}/results.csv</c> and the preview <c>/campaigns/{id}/person.wav</c> and <c>voicemail.wav</c>.
/// </summary>
public static class CampaignApi
{
    /// <summary>How often the stream reads the campaign again.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(3);

    /// <summary>The stream reads every patient again at least every this many polls.</summary>
    public const int FullReadEvery = 10;

    /// <summary>How long the stream may stay silent before it sends a comment, so proxies keep it open.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>True for the campaign page's stream, which must not renew the session (see <see cref="PortalCookieEvents"/>).</summary>
    public static bool IsStream(PathString path) =>
        path.StartsWithSegments("/api/campaigns", out var rest) && rest.Value is { } tail && tail.EndsWith("/events", StringComparison.Ordinal);

    public static IEndpointRouteBuilder MapCampaignApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns").RequireAuthorization();
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        api.MapGet("/{id:long}", GetAsync);
        api.MapGet("/{id:long}/events", StreamAsync);
        api.MapPost("/{id:long}/{verb:regex(^(start|pause|resume|cancel)$)}", ChangeAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        api.MapPost("/{id:long}/patients/{patientId:long}/confirm", ConfirmAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        api.MapPost("/{id:long}/attempts/{attemptId:long}/amd", LabelAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        app.MapGet("/campaigns/{id:long}/results.csv", ExportAsync).RequireAuthorization();
        app.MapGet("/campaigns/{id:long}/{which:regex(^(person|voicemail)$)}.wav", PreviewAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, CampaignAccess access)
    {
        if (await access.ListAsync(context.Who(), context.RequestAborted) is not { } list)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var names = (await access.PracticesAsync(context.Who(), context.RequestAborted)).ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        return Results.Ok(new { campaigns = list.Select(c => CampaignSummaryJson.Of(c.Campaign, c.Counts, names.GetValueOrDefault(c.Campaign.PracticeId) ?? c.Campaign.PracticeId)) });
    }

    private static async Task<IResult> CreateAsync(CampaignRequest request, HttpContext context, CampaignAccess access)
    {
        var (outcome, id) = await access.CreateAsync(context.Who(), request, context.RequestAborted);
        return outcome.Status switch
        {
            CampaignOutcomeStatus.Done => Results.Created($"/api/campaigns/{id}", new { id }),
            CampaignOutcomeStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.BadRequest(new { errors = outcome.ErrorList }),
        };
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, CampaignAccess access)
    {
        var lookup = await access.OpenAsync(context.Who(), id, "campaign.view", context.RequestAborted);
        return lookup.Status switch
        {
            LookupStatus.Found => Results.Ok(CampaignJson.Of(lookup, access.PreviewAvailable)),
            LookupStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> ChangeAsync(long id, string verb, HttpContext context, CampaignAccess access) =>
        Answer(await access.ChangeAsync(context.Who(), id, verb, context.RequestAborted), id);

    private static async Task<IResult> ConfirmAsync(long id, long patientId, HttpContext context, CampaignAccess access) =>
        Answer(await access.ConfirmAsync(context.Who(), id, patientId, context.RequestAborted), id);

    private static async Task<IResult> LabelAsync(long id, long attemptId, AmdLabelJson body, HttpContext context, CampaignAccess access) =>
        Answer(await access.LabelAsync(context.Who(), id, attemptId, body.Label, context.RequestAborted), id);

    private static IResult Answer(CampaignOutcome outcome, long id) => outcome.Status switch
    {
        CampaignOutcomeStatus.Done => Results.Ok(new { id, state = outcome.Campaign?.State }),
        CampaignOutcomeStatus.Refused => Results.Conflict(new { id, errors = outcome.ErrorList }),
        CampaignOutcomeStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
        _ => Results.NotFound(),
    };

    private static async Task<IResult> ExportAsync(long id, HttpContext context, CampaignAccess access)
    {
        var lookup = await access.OpenAsync(context.Who(), id, "campaign.export", context.RequestAborted);
        return lookup.Status switch
        {
            LookupStatus.Found => Results.File(Encoding.UTF8.GetBytes(CampaignResultsCsv.Write(lookup)), "text/csv; charset=utf-8", $"campaign-{id}-results.csv"),
            LookupStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> PreviewAsync(long id, string which, HttpContext context, CampaignAccess access)
    {
        var (status, wav) = await access.PreviewAsync(context.Who(), id, which == "voicemail", context.RequestAborted);
        return status switch
        {
            CampaignOutcomeStatus.Done => Results.File(wav!, "audio/wav"),
            CampaignOutcomeStatus.Unavailable => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
            CampaignOutcomeStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.NotFound(),
        };
    }

    private static async Task StreamAsync(long id, HttpContext context, CampaignAccess access, PortalAccounts accounts, TimeProvider time, IHostApplicationLifetime lifetime, IOptions<JsonOptions> json)
    {
        var who = context.Who();
        var lookup = await access.OpenAsync(who, id, "campaign.stream", context.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            context.Response.StatusCode = lookup.Status == LookupStatus.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        string? sent = null;
        var turn = 0;
        try
        {
            var expires = await ServerSentEvents.OpenAsync(context, time, stop.Token);
            while (true)
            {
                if (!await ServerSentEvents.StillSignedInAsync(context, accounts, who, stop.Token))
                {
                    return;
                }

                if (lookup.Status == LookupStatus.Found)
                {
                    var data = JsonSerializer.Serialize(CampaignJson.Of(lookup, access.PreviewAvailable), json.Value.SerializerOptions);
                    if (data != sent)
                    {
                        await ServerSentEvents.WriteAsync(context, $"event: progress\ndata: {data}\n\n", stop.Token);
                        sent = data;
                    }
                }

                if (!await ServerSentEvents.WaitAsync(context, expires, time, Heartbeat, stop.Token, Task.Delay(Poll, time, stop.Token)))
                {
                    return;
                }

                // Every tenth turn reads the patients even when nothing else changed (a patient held back changes no count).
                lookup = await access.RefreshAsync(lookup, ++turn % FullReadEvery == 0, stop.Token) is { Status: LookupStatus.Found } fresh ? fresh : lookup;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page went away or the service is stopping.
        }
    }
}

/// <summary>Staff's verdict on an attempt's AMD result: <c>right</c> or <c>wrong</c>.</summary>
/// <param name="Label">right or wrong.</param>
public sealed record AmdLabelJson(string? Label);
