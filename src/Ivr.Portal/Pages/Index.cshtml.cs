using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages;

/// <summary>The portal starts at the inbox; a telecom admin, who sees no messages, at the calls.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(HttpContext.Who().SeesPatientData ? "/messages" : "/calls");
}
