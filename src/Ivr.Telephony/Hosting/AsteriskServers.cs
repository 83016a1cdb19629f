using Ivr.Asterisk.Ami;
using Microsoft.Extensions.Hosting;

namespace Ivr.Telephony.Hosting;

/// <summary>
/// Every Asterisk server the process holds AMI to, its own first (<c>Asterisk:Servers</c>, or the one
/// <c>Asterisk:Ami</c>). A call is acted on through the server that carries it, read from its uniqueid: each server
/// of a cluster has a <c>systemname</c> (asterisk.conf) and Asterisk begins every uniqueid with it
/// (<c>ivr-a2-1700000000.12</c>), so the caller's uniqueid, and the room and desk ids made of it, name the server.
/// Work that belongs to no call goes to <see cref="AnyAsync"/>. Starting it starts every connection.
/// </summary>
public sealed class AsteriskServers : IHostedService
{
    /// <summary>The servers, the process's own first; never empty.</summary>
    public AsteriskServers(IReadOnlyList<AmiConnectionService> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        if (servers.Count == 0)
        {
            throw new ArgumentException("At least one Asterisk server is needed.", nameof(servers));
        }

        All = servers;
    }

    /// <summary>One server.</summary>
    public AsteriskServers(AmiConnectionService server)
        : this([server])
    {
    }

    /// <summary>Every server, the process's own first.</summary>
    public IReadOnlyList<AmiConnectionService> All { get; }

    /// <summary>The process's own server: the first.</summary>
    public AmiConnectionService Own => All[0];

    /// <summary>
    /// The server that carries the call whose uniqueid is, or is inside, <paramref name="callId"/> (a uniqueid, a
    /// room <c>ivr-UNIQUEID</c>, a desk leg's id): the one whose name begins the uniqueid; the process's own when
    /// none does (a single server without a name, or an id of another shape).
    /// </summary>
    public AmiConnectionService For(string? callId)
    {
        if (string.IsNullOrEmpty(callId) || All.Count == 1)
        {
            return Own;
        }

        // A uniqueid first; failing that, the uniqueid inside a room (ivr-UNIQUEID) or a desk leg's id (desk-UNIQUEID-opN).
        return Carrying(callId)
            ?? Inside(callId, Ivr.Domain.Flow.CallFlow.RoomPrefix)
            ?? Inside(callId, Calls.OriginatedChannels.DeskPrefix)
            ?? Own;
    }

    private AmiConnectionService? Inside(string id, string prefix) =>
        id.StartsWith(prefix, StringComparison.Ordinal) ? Carrying(id[prefix.Length..]) : null;

    private AmiConnectionService? Carrying(string uniqueId)
    {
        AmiConnectionService? best = null;
        foreach (var server in All)
        {
            if (server.Name.Length > 0 && uniqueId.StartsWith(server.Name + "-", StringComparison.Ordinal) && server.Name.Length > (best?.Name.Length ?? -1))
            {
                best = server;
            }
        }

        return best;
    }

    /// <summary>The server named <paramref name="name"/>; the process's own for an unknown or empty name.</summary>
    public AmiConnectionService Named(string? name) =>
        All.FirstOrDefault(s => s.Name.Length > 0 && string.Equals(s.Name, name, StringComparison.Ordinal)) ?? Own;

    /// <summary>
    /// For work that belongs to no call (a page, a campaign call): the process's own server when it is logged in,
    /// else another that is, else the first to log in from now on.
    /// </summary>
    public async Task<(AmiConnectionService Server, AmiClient Client)> AnyAsync(CancellationToken cancellationToken = default)
    {
        if (All.FirstOrDefault(s => s.IsUp) is { } up)
        {
            return (up, up.Connected!);
        }

        if (All.Count == 1)
        {
            return (Own, await Own.ClientAsync(cancellationToken));
        }

        var changed = new TaskCompletionSource<AmiConnectionService>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChange(AmiConnectionService server, AmiConnectionState state)
        {
            if (state == AmiConnectionState.Connected)
            {
                changed.TrySetResult(server);
            }
        }

        foreach (var server in All)
        {
            server.StateChanged += OnChange;
        }

        try
        {
            // A login between the first look and the subscription is seen here.
            if (All.FirstOrDefault(s => s.IsUp) is { } meanwhile)
            {
                return (meanwhile, meanwhile.Connected!);
            }

            var first = await changed.Task.WaitAsync(cancellationToken);
            return (first, await first.ClientAsync(cancellationToken));
        }
        finally
        {
            foreach (var server in All)
            {
                server.StateChanged -= OnChange;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.WhenAll(All.Select(s => s.StartAsync(cancellationToken)));

    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(All.Select(s => s.StopAsync(cancellationToken)));
}
