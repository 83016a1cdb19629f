using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Practices;

/// <summary>
/// A practice's settings (hours, holidays, closures, coverage, greeting, main menu and office information, escalation, operator desk) as one form,
/// and below it every revision with who saved it, when, and each setting's before and after.
/// A refused change comes back with what was typed and what is wrong with it.
/// </summary>
public sealed class PracticeSettingsModel(SettingsAccess access, TimeProvider time) : PageModel
{
    /// <summary>The instant the page is shown, for what office information callers hear now.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    public Practice Practice { get; private set; } = null!;

    public int Revision { get; private set; }

    public IReadOnlyList<SettingsHistoryEntry> History { get; private set; } = [];

    public IReadOnlyList<SettingsError> Errors { get; private set; } = [];

    public string? Done { get; private set; }

    /// <summary>What is wrong with a field, for beside it.</summary>
    public string? ErrorFor(string field)
    {
        var messages = Errors.Where(e => e.Field == field).Select(e => e.Message).ToArray();
        return messages.Length == 0 ? null : string.Join(" ", messages);
    }

    public bool HasError(string field) => Errors.Any(e => e.Field == field);

    public async Task<IActionResult> OnGetAsync(string practiceId, int? saved, bool unchanged = false)
    {
        if (await LoadAsync(practiceId) is { } refused)
        {
            return refused;
        }

        Form = SettingsForm.Of(Practice, Revision, access.GreetingWords(Practice));
        Done = saved is { } revision ? $"Settings saved as revision {revision}." : unchanged ? "Nothing to save: the settings were already so." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string practiceId)
    {
        var outcome = await access.SaveAsync(HttpContext.Who(), practiceId, Form.ToRequest(), HttpContext.RequestAborted);
        switch (outcome.Status)
        {
            case SettingsStatus.Done:
                return Redirect($"/practices/{practiceId}/settings?saved={outcome.Revision}");
            case SettingsStatus.Unchanged:
                return Redirect($"/practices/{practiceId}/settings?unchanged=true");
            case SettingsStatus.Denied:
                return StatusCode(StatusCodes.Status403Forbidden);
            case SettingsStatus.NotFound:
                return NotFound();
            default:
                // The form stays as typed, with what is wrong above it and beside each field.
                var refused = await LoadAsync(practiceId);
                Errors = outcome.ErrorList;
                return refused ?? Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(string practiceId)
    {
        var lookup = await access.OpenAsync(HttpContext.Who(), practiceId, HttpContext.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return StatusCode(lookup.Status == LookupStatus.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
        }

        Practice = lookup.Practice!;
        Revision = lookup.Revision;
        History = SettingsAccess.History(lookup.Revisions!);
        return null;
    }
}
