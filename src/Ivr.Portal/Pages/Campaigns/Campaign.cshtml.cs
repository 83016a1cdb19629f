using Ivr.Domain.Outbound;
using Ivr.Domain.Scheduling;
using Ivr.Portal.Accounts;
using Ivr.Portal.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Campaigns;

/// <summary>
/// One campaign: the words as text and as audio, Start / Pause / Resume / Cancel, the progress bar and counts (redrawn
/// by <c>/assets/campaign.js</c> from the campaign's stream), each patient with their attempts, "Mark confirmed" per
/// patient, AMD labels per attempt, and AMD's measured accuracy. Reading it is audited as <c>campaign.view</c>.
/// </summary>
public sealed class CampaignModel(CampaignAccess access) : PageModel
{
    public CampaignLookup Lookup { get; private set; } = null!;

    public Campaign Campaign => Lookup.Campaign!;

    public CampaignCounts Counts => Lookup.Counts!;

    public bool PreviewAvailable => access.PreviewAvailable;

    /// <summary>What the last button did, shown once.</summary>
    public string? Done { get; private set; }

    /// <summary>Why the last button was refused, in words.</summary>
    public string? Refused { get; private set; }

    public ZoneClock Clock => new(Campaign.TimeZone);

    /// <summary>An instant on the patients' clock, as staff read it.</summary>
    public string When(DateTimeOffset? at) => at is { } t ? Clock.Describe(t) : string.Empty;

    public int FailedAttempts => CampaignJson.Failed(Lookup.Attempts!);

    public async Task<IActionResult> OnGetAsync(long id, string? done)
    {
        Done = done switch
        {
            "created" => "Saved as a draft: nobody is called until you start it.",
            "start" => "Started: patients are called inside their calling window.",
            "pause" => "Paused: nobody new is called until you resume; calls in progress finish.",
            "resume" => "Resumed.",
            "cancel" => "Cancelled: nobody is called again.",
            "confirm" => "Marked confirmed: the patient is not called again.",
            "amd" => "AMD label saved.",
            _ => null,
        };
        return await LoadAsync(id) ?? Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(long id, string verb) =>
        await AfterAsync(id, verb, await access.ChangeAsync(HttpContext.Who(), id, verb, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostConfirmAsync(long id, long patientId) =>
        await AfterAsync(id, "confirm", await access.ConfirmAsync(HttpContext.Who(), id, patientId, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostAmdAsync(long id, long attemptId, string? label) =>
        await AfterAsync(id, "amd", await access.LabelAsync(HttpContext.Who(), id, attemptId, label, HttpContext.RequestAborted));

    private async Task<IActionResult> AfterAsync(long id, string done, CampaignOutcome outcome)
    {
        switch (outcome.Status)
        {
            case CampaignOutcomeStatus.Done:
                return Redirect($"/campaigns/{id}?done={done}");
            case CampaignOutcomeStatus.Denied:
                return StatusCode(StatusCodes.Status403Forbidden);
            case CampaignOutcomeStatus.Refused:
                Refused = string.Join("; ", outcome.ErrorList);
                return await LoadAsync(id) ?? Page();
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        Lookup = await access.OpenAsync(HttpContext.Who(), id, "campaign.view", HttpContext.RequestAborted);
        return Lookup.Status switch
        {
            LookupStatus.Found => null,
            LookupStatus.Denied => StatusCode(StatusCodes.Status403Forbidden),
            _ => NotFound(),
        };
    }
}
