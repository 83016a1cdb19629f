using System.Globalization;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Portal.Accounts;
using Ivr.Portal.OnCall;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.OnCall;

/// <summary>
/// A practice's on-call calendar (a week or a month, by layer), its overrides, and the schedule
/// check's warnings for the next four weeks, which is where an admin fixes a gap before it happens.
/// </summary>
public sealed class PracticeModel(OnCallAccess access, TimeProvider time) : PageModel
{
    [BindProperty(Name = "view", SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(Name = "date", SupportsGet = true)]
    public string? Date { get; set; }

    [BindProperty]
    public OverrideForm Form { get; set; } = new();

    public PortalIdentity Who { get; private set; } = null!;

    public Practice Practice { get; private set; } = null!;

    public ZoneClock Clock { get; private set; } = null!;

    public bool Month => View == "month";

    public DateOnly Shown { get; private set; }

    public CalendarGrid Grid { get; private set; } = null!;

    public IReadOnlyList<ScheduleFinding> Findings { get; private set; } = [];

    /// <summary>Live overrides from now over the checked weeks and the shown window.</summary>
    public IReadOnlyList<OnCallOverride> Overrides { get; private set; } = [];

    public bool CanChange { get; private set; }

    public string? Error { get; private set; }

    public string? Done { get; private set; }

    public string Name(string? clinicianId) => clinicianId is null ? "nobody" : Practice.Clinician(clinicianId)?.Name ?? clinicianId;

    public string Link(DateOnly date, bool month) => $"/oncall/{Practice.Id}?view={(month ? "month" : "week")}&date={date:yyyy-MM-dd}";

    public async Task<IActionResult> OnGetAsync(string practiceId, string? done)
    {
        if (await LoadAsync(practiceId) is { } refused)
        {
            return refused;
        }

        Done = done switch
        {
            "added" => "Override added.",
            "cancelled" => "Override cancelled.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string practiceId)
    {
        var who = HttpContext.Who();
        var lookup = await access.OpenAsync(who, practiceId, HttpContext.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return StatusCode(lookup.Status == LookupStatus.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
        }

        var clock = lookup.Practice!.Clock();
        OverrideChange change;
        if (!LocalTimes.TryRead(clock, Form.From, out var from) || !LocalTimes.TryRead(clock, Form.Until, out var until))
        {
            change = new OverrideChange(OverrideStatus.Invalid, Error: "Give both the start and the end.");
        }
        else if (!Layers.TryParse(Form.Layer ?? string.Empty, out var layer))
        {
            change = new OverrideChange(OverrideStatus.Invalid, Error: "Choose a layer.");
        }
        else
        {
            change = await access.AddOverrideAsync(who, practiceId, new OverrideRequest(layer, Form.Clinician ?? string.Empty, from, until, Form.Reason ?? string.Empty), HttpContext.RequestAborted);
        }

        return await AfterAsync(practiceId, change, "added");
    }

    public async Task<IActionResult> OnPostCancelAsync(string practiceId, long overrideId)
    {
        var change = await access.CancelOverrideAsync(HttpContext.Who(), practiceId, overrideId, HttpContext.RequestAborted);
        return await AfterAsync(practiceId, change, "cancelled");
    }

    private async Task<IActionResult> AfterAsync(string practiceId, OverrideChange change, string done)
    {
        switch (change.Status)
        {
            case OverrideStatus.Done:
                return Redirect($"/oncall/{practiceId}?view={(Month ? "month" : "week")}&date={Date}&done={done}");
            case OverrideStatus.Denied:
                return StatusCode(StatusCodes.Status403Forbidden);
            case OverrideStatus.NotFound when done == "added":
                return NotFound();
            default:
                // The form stays filled in, with what was wrong above it.
                var refused = await LoadAsync(practiceId);
                Error = change.Error ?? "That override is no longer there.";
                return refused ?? Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(string practiceId)
    {
        Who = HttpContext.Who();
        var lookup = await access.OpenAsync(Who, practiceId, HttpContext.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return StatusCode(lookup.Status == LookupStatus.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
        }

        Practice = lookup.Practice!;
        Clock = Practice.Clock();
        CanChange = Who.CanChangeScheduleOf(practiceId);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(Clock.Local(now));
        Shown = DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : today;
        var (first, last) = CalendarGrid.Window(Shown, Month);
        var from = Clock.Instant(first.ToDateTime(TimeOnly.MinValue));
        var until = Clock.Instant(last.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var schedule = await access.ScheduleAsync(Practice, from, until, HttpContext.RequestAborted);
        Grid = CalendarGrid.Build(schedule, first, last, Month ? Shown.Month : null);
        Findings = await access.CheckAsync(Practice, HttpContext.RequestAborted);
        var window = await access.ScheduleAsync(Practice, now < from ? now : from, now + OnCallAccess.CheckAhead > until ? now + OnCallAccess.CheckAhead : until, HttpContext.RequestAborted);
        Overrides = window.Overrides.Where(o => o.Until > now).OrderBy(o => o.From).ToArray();
        return null;
    }
}
