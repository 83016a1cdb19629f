using Ivr.Domain.Accounts;
using Ivr.Domain.Live;
using Ivr.Portal.Accounts;
using Ivr.Portal.Live;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Live;

/// <summary>
/// Calls in progress and the operator desk, for supervisors: drawn once here, then redrawn by <c>/assets/live.js</c> from the
/// Server-Sent Events stream without a reload.
/// </summary>
public sealed class LiveModel(LiveAccess access, IEnumerable<IOutsideLine> lines, IEnumerable<IPhoneServers> phoneServers) : PageModel
{
    public PortalIdentity Who { get; private set; } = null!;

    public LiveSnapshot Snapshot { get; private set; } = null!;

    /// <summary>The operator desk: callers waiting and operators (not running in a portal-only host).</summary>
    public LiveDesk Desk { get; private set; } = LiveDesk.NotRunning;

    /// <summary>The carrier trunk's state; null when the service has none.</summary>
    public OutsideLineStatus? OutsideLine { get; private set; }

    /// <summary>Each Asterisk server's state; empty when the service has only one.</summary>
    public IReadOnlyList<PhoneServerStatus> PhoneServers { get; private set; } = [];

    /// <summary>"Asterisk ivr-a2: not reachable since 02:10 UTC".</summary>
    public static string Describe(PhoneServerStatus server) =>
        $"Asterisk {server.Name}: {server.Description} since {server.Since.UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC";

    public bool EveryPractice => Who.LivePractice is null;

    /// <summary>"Outside line: trunk carrier registered since 02:10 UTC".</summary>
    public static string Describe(OutsideLineStatus line) =>
        $"Outside line: {line.Description} since {line.Since.UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC";

    /// <summary>The time of day a call started, in its practice's zone (UTC when the service has no session for it).</summary>
    public static string Started(LiveCall call) => PortalFormat.TimeOfDay(call.StartedAt, call.TimeZone);

    public string Length(LiveCall call)
    {
        var seconds = Math.Max(0, (int)(Snapshot.At - call.StartedAt).TotalSeconds);
        return $"{seconds / 60}:{seconds % 60:00}";
    }

    /// <summary>How long since <paramref name="at"/>, as the page's clock ticks it: <c>1:05</c>.</summary>
    public string Since(DateTimeOffset at)
    {
        var seconds = Math.Max(0, (int)(Snapshot.At - at).TotalSeconds);
        return $"{seconds / 60}:{seconds % 60:00}";
    }

    /// <summary>An operator's status in words, with why they are on break or paused: <c>on break (lunch)</c>.</summary>
    public static string Status(LiveDeskOperator op) =>
        Ivr.Data.IvrJson.Word(op.Status).Replace('-', ' ') + (op.Reason is { Length: > 0 } reason ? $" ({reason})" : string.Empty);

    public static string Channel(LiveChannel channel) =>
        (channel.Role == "physician" ? $"physician {channel.Attempt}" : channel.Role) + $" · {channel.State}" + (channel.InConference ? " · in conference" : string.Empty);

    public async Task<IActionResult> OnGetAsync()
    {
        Who = HttpContext.Who();
        var lookup = await access.OpenAsync(Who, "live.view", HttpContext.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Snapshot = lookup.Snapshot!;
        Desk = lookup.Desk!;
        OutsideLine = lines.FirstOrDefault()?.Status;
        PhoneServers = phoneServers.FirstOrDefault()?.Servers ?? [];
        return Page();
    }
}
