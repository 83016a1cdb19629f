using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages;

/// <summary>
/// The portal starts at the inbox; a telecom admin, who sees no messages, at the calls; an operator,
/// who sees neither (only callers at the desk), at the desk.
/// </summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        var who = HttpContext.Who();
        return Redirect(who.SeesPatientData ? "/messages" : who.SeesCalls ? "/calls" : who.WorksTheDesk ? "/desk" : "/account");
    }
}
