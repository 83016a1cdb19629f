using Ivr.Domain.Practices;
using Ivr.Domain.Triage;
using Ivr.Portal.Accounts;
using Ivr.Portal.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Triage;

/// <summary>
/// One kept triage, read: each protocol with its version (and the example marker), every question asked and its answer,
/// the dispositions, the override and the physician's review, the care advice given and the nurse's note. Linked from
/// the triage's message. A triage the user may not read is a 404 like a missing one, audited (<see cref="TriageRecordAccess"/>).
/// </summary>
public sealed class TriageRecordModel(TriageRecordAccess access) : PageModel
{
    public TriageRecord Record { get; private set; } = null!;

    public TriagePathway Pathway => Record.Pathway;

    public Practice? Practice { get; private set; }

    public PortalIdentity Who { get; private set; } = null!;

    /// <summary>True when any protocol used is an example, which the page says at the top.</summary>
    public bool UsedExample => Pathway.Protocols.Any(p => p.IsExample);

    public static string Words(Disposition disposition) => Dispositions.Words(disposition);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Who = HttpContext.Who();
        var lookup = await access.OpenAsync(Who, id, HttpContext.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return NotFound();
        }

        Record = lookup.Record!;
        Practice = lookup.Practice;
        return Page();
    }
}
