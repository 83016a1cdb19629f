using System.Text;
using Ivr.Domain.Accounts;
using Ivr.Domain.Live;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using FromServicesAttribute = Microsoft.AspNetCore.Mvc.FromServicesAttribute;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Live;

/// <summary>
/// <c>/api/live</c>: the calls in progress now, the operator desk and the outside line (<see cref="LiveJson"/>), and
/// <c>/api/live/events</c>: the same pushed as Server-Sent Events on every change of either. The stream does not keep the session alive (see
/// <see cref="PortalCookieEvents"/>): it ends with an <c>expired</c> event when the session does, and
/// when the account is removed, locked or changed, so the idle sign-out still applies to a live page.
/// </summary>
public static class LiveApi
{
    public const string StreamPath = "/api/live/events";

    /// <summary>How long the stream may stay silent before it sends a comment, so proxies keep it open.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/live", GetAsync).RequireAuthorization();
        app.MapGet(StreamPath, StreamAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> GetAsync(
        HttpContext context,
        LiveAccess access,
        [FromServices] IEnumerable<IOutsideLine> lines,
        [FromServices] IEnumerable<IPhoneServers> phoneServers,
        IOptions<JsonOptions> json)
    {
        var lookup = await access.OpenAsync(context.Who(), "live.view", context.RequestAborted);
        return lookup.Status == LookupStatus.Found
            ? Results.Text(LiveJson.Write(lookup.Snapshot!, lookup.Desk!, lines.FirstOrDefault()?.Status, phoneServers.FirstOrDefault()?.Servers ?? [], json.Value.SerializerOptions), "application/json", Encoding.UTF8)
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task StreamAsync(
        HttpContext context,
        LiveAccess access,
        ILiveCalls tracker,
        [FromServices] IEnumerable<IOutsideLine> lines,
        [FromServices] IEnumerable<IPhoneServers> phoneServers,
        PortalAccounts accounts,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        IOptions<JsonOptions> json)
    {
        var who = context.Who();
        var lookup = await access.OpenAsync(who, "live.stream", context.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var names = lookup.Names!;
        var board = access.Board;
        var noDesk = new TaskCompletionSource().Task;
        var line = lines.FirstOrDefault();
        var asterisks = phoneServers.FirstOrDefault();
        var sent = (Calls: -1L, Desk: -2L, Line: (OutsideLineStatus?)null, Servers: string.Empty);
        try
        {
            var expires = await ServerSentEvents.OpenAsync(context, time, stop.Token);
            while (true)
            {
                if (!await ServerSentEvents.StillSignedInAsync(context, accounts, who, stop.Token))
                {
                    return;
                }

                // Both read before the state they guard, so a change in between wakes the next turn.
                var changed = tracker.Changed;
                var deskChanged = board?.Changed ?? noDesk;
                var lineChanged = line?.Changed ?? noDesk;
                var serversChanged = asterisks?.Changed ?? noDesk;
                var snapshot = tracker.Snapshot();
                var desk = access.Desk(who, names);
                var status = line?.Status;
                var servers = asterisks?.Servers ?? [];
                var serversSeen = string.Join('|', servers);
                if ((snapshot.Version, desk.Version, status, serversSeen) != sent)
                {
                    var data = LiveJson.Write(LiveAccess.View(who, snapshot), desk, status, servers, json.Value.SerializerOptions);
                    await ServerSentEvents.WriteAsync(context, $"event: snapshot\ndata: {data}\n\n", stop.Token);
                    sent = (snapshot.Version, desk.Version, status, serversSeen);
                }

                if (!await ServerSentEvents.WaitAsync(context, expires, time, Heartbeat, stop.Token, changed, deskChanged, lineChanged, serversChanged))
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
