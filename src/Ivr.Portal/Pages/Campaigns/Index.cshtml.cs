using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Campaigns;

/// <summary>
/// The outbound campaigns the user may run (a practice admin their practice's, the supervisor every practice's), newest
/// first, each with its state and progress, and "New campaign". Everyone else gets 403 (audited by <see cref="CampaignAccess"/>).
/// </summary>
public sealed class IndexModel(CampaignAccess access) : PageModel
{
    private IReadOnlyDictionary<string, Practice> _practices = new Dictionary<string, Practice>();

    public IReadOnlyList<(Campaign Campaign, CampaignCounts Counts)> Campaigns { get; private set; } = [];

    public PortalIdentity Who { get; private set; } = null!;

    public bool EveryPractice => Who.CampaignsPractice is null;

    public string PracticeName(string id) => _practices.GetValueOrDefault(id)?.Name ?? id;

    public Practice? Practice(string id) => _practices.GetValueOrDefault(id);

    public async Task<IActionResult> OnGetAsync()
    {
        Who = HttpContext.Who();
        if (await access.ListAsync(Who, HttpContext.RequestAborted) is not { } list)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Campaigns = list;
        _practices = (await access.PracticesAsync(Who, HttpContext.RequestAborted)).ToDictionary(p => p.Id);
        return Page();
    }
}
