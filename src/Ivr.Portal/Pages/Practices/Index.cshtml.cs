using Ivr.Domain.Accounts;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Practices;

/// <summary>The supervisor picks a practice whose settings to see; practice staff go straight to their own (where a clinician is refused).</summary>
public sealed class PracticesIndexModel(IPracticeStore store, SettingsAccess access) : PageModel
{
    public IReadOnlyList<Practice> Practices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var who = HttpContext.Who();
        if (who.Role != PortalRole.Supervisor)
        {
            if (who.PracticeId is { } own)
            {
                return Redirect($"/practices/{own}/settings");
            }

            await access.RefuseListAsync(who, HttpContext.RequestAborted);
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Practices = (await store.ListAsync(HttpContext.RequestAborted)).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        return Page();
    }
}
