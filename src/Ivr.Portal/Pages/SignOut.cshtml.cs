using Ivr.Domain.Audit;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages;

/// <summary>Signs out, revoking the session on the server (a POST with the antiforgery token, so no link or image can do it).</summary>
[AllowAnonymous]
public sealed class SignOutModel(IAuditLog audit, PortalSessions sessions, TimeProvider time) : PageModel
{
    public IActionResult OnGet() => Redirect("/signin");

    public async Task<IActionResult> OnPostAsync()
    {
        if (PortalClaims.Identity(User) is { } who)
        {
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "signout", "user", who.Username, "signed out"), HttpContext.RequestAborted);
        }

        await sessions.EndSessionAsync(HttpContext);
        return Redirect("/signin?signedout=true");
    }
}
