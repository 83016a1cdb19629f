using System.Text;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Campaigns;

/// <summary>
/// A new campaign: the practice, title, kind, the words patients hear, the callback number, the last day of calling, a
/// tighter window or raised caps if wanted, calls at once, the list (an uploaded CSV file or typed CSV) and, for a
/// reschedule, the open slots. A refused one comes back as typed (an uploaded file's content in the list's box) with
/// every error, each of the list's as <c>FILE:LINE: what</c>; nothing is saved until all of it holds, and then it is a draft.
/// </summary>
public sealed class NewModel(CampaignAccess access) : PageModel
{
    /// <summary>A list file larger than this is refused unread (10,000 patients fit in far less).</summary>
    public const long MaxListBytes = 4 * 1024 * 1024;

    [BindProperty]
    public CampaignRequest Form { get; set; } = new();

    /// <summary>The list as an uploaded CSV file; it wins over the typed list.</summary>
    [BindProperty]
    public IFormFile? ListFile { get; set; }

    public IReadOnlyList<Practice> Practices { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The chosen practice's outbound settings, the form's defaults (the law's and the service's when none is chosen yet).</summary>
    public OutboundSettings Allowed =>
        Practices.FirstOrDefault(p => p.Id == Form.PracticeId)?.Outbound ?? (Practices.Count == 1 ? Practices[0].Outbound : OutboundSettings.Default);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        Form = new CampaignRequest { PracticeId = Practices.Count == 1 ? Practices[0].Id : null, Kind = "cancellation" };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        if (ListFile is { Length: > 0 } file)
        {
            if (file.Length > MaxListBytes)
            {
                Errors = [$"{Path.GetFileName(file.FileName)}: the file is larger than {MaxListBytes / 1024 / 1024} MB"];
                return Page();
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            Form.List = await reader.ReadToEndAsync(HttpContext.RequestAborted);
            Form.ListName = Path.GetFileName(file.FileName);
        }

        var (outcome, id) = await access.CreateAsync(HttpContext.Who(), Form, HttpContext.RequestAborted);
        switch (outcome.Status)
        {
            case CampaignOutcomeStatus.Done:
                return Redirect($"/campaigns/{id}?done=created");
            case CampaignOutcomeStatus.Denied:
                return StatusCode(StatusCodes.Status403Forbidden);
            default:
                // The form stays as typed; an uploaded file's content is in the list's box, to fix there (its errors keep the file's name).
                Errors = outcome.ErrorList;
                return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var who = HttpContext.Who();
        if (!who.SeesCampaigns)
        {
            // The list's refusal is the one audited: ask it, so this refusal is too.
            await access.ListAsync(who, HttpContext.RequestAborted);
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Practices = await access.PracticesAsync(who, HttpContext.RequestAborted);
        return null;
    }
}
