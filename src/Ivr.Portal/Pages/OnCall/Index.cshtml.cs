using Ivr.Domain.Accounts;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.OnCall;

/// <summary>Practice staff go straight to their practice's calendar; the supervisor picks a practice.</summary>
public sealed class OnCallIndexModel(IPracticeStore practices) : PageModel
{
    public IReadOnlyList<Practice> Practices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var who = HttpContext.Who();
        if (who.Role != PortalRole.Supervisor)
        {
            return who.PracticeId is { } own ? Redirect($"/oncall/{own}") : StatusCode(StatusCodes.Status403Forbidden);
        }

        Practices = (await practices.ListAsync(HttpContext.RequestAborted)).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        return Page();
    }
}
