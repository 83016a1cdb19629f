using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Portal.Accounts;
using Ivr.Portal.OnCall;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Pages.OnCall;

/// <summary>
/// One clinician's shifts for the next eight weeks and their secret calendar-feed address, made on
/// the first visit; only the clinician and those who may change the schedule get here.
/// </summary>
public sealed class ClinicianModel(OnCallAccess access, IOptions<PortalOptions> options, IServer server, TimeProvider time) : PageModel
{
    public Practice Practice { get; private set; } = null!;

    public Clinician Clinician { get; private set; } = null!;

    public IReadOnlyList<CalendarEvent> Shifts { get; private set; } = [];

    public string FeedUrl { get; private set; } = string.Empty;

    public bool Regenerated { get; private set; }

    public Task<IActionResult> OnGetAsync(string practiceId, string clinicianId, bool regenerated) => ShowAsync(practiceId, clinicianId, regenerate: false, regenerated);

    public async Task<IActionResult> OnPostRegenerateAsync(string practiceId, string clinicianId)
    {
        var shown = await ShowAsync(practiceId, clinicianId, regenerate: true, regenerated: true);
        return shown is PageResult ? Redirect($"/oncall/{practiceId}/clinicians/{clinicianId}?regenerated=true") : shown;
    }

    private async Task<IActionResult> ShowAsync(string practiceId, string clinicianId, bool regenerate, bool regenerated)
    {
        var who = HttpContext.Who();
        var lookup = await access.OpenAsync(who, practiceId, HttpContext.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return StatusCode(lookup.Status == LookupStatus.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
        }

        Practice = lookup.Practice!;
        if (Practice.Clinician(clinicianId) is not { } clinician)
        {
            return NotFound();
        }

        var feed = await access.FeedAsync(who, Practice, clinicianId, regenerate, HttpContext.RequestAborted);
        if (feed is null)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Clinician = clinician;
        Regenerated = regenerated;
        // From the configured address, never the request's Host header: a forged header must not put a feed token in a link to another host.
        FeedUrl = options.Value.EffectivePublicUrl(server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()) + CalendarFeedEndpoint.Url(feed.Token);
        var now = time.GetUtcNow();
        var schedule = await access.ScheduleAsync(Practice, now - ClinicianCalendar.Lookback, now + ClinicianCalendar.Ahead, HttpContext.RequestAborted);
        Shifts = ClinicianCalendar.Events(schedule, clinicianId, now, now + ClinicianCalendar.Ahead);
        return Page();
    }
}
