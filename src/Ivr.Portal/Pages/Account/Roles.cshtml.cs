using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Account;

/// <summary>The supervisor's choice of which roles must sign in with a second factor; each change is audited.</summary>
[Authorize(Roles = PortalRoles.Supervisor)]
public sealed class RolesModel(ISecondFactorStore store, IAuditLog audit, TimeProvider time) : PageModel
{
    [BindProperty]
    public List<string> Required { get; set; } = [];

    public SecondFactorPolicy Policy { get; private set; } = SecondFactorPolicy.Default;

    public bool Saved { get; private set; }

    public async Task OnGetAsync() => Policy = await store.GetPolicyAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var who = HttpContext.Who();
        var before = await store.GetPolicyAsync(HttpContext.RequestAborted);
        var now = time.GetUtcNow();
        foreach (var role in Enum.GetValues<PortalRole>())
        {
            var required = Required.Contains(PortalRoles.Name(role));
            if (required != before.Requires(role))
            {
                await store.SetRequiredAsync(role, required, who.AuditActor, now, HttpContext.RequestAborted);
                await audit.RecordAsync(new AuditEntry(now, who.AuditActor, "second-factor.policy", "role", PortalRoles.Name(role), required ? "second factor required" : "second factor optional"), HttpContext.RequestAborted);
            }
        }

        Policy = await store.GetPolicyAsync(HttpContext.RequestAborted);
        Saved = true;
        return Page();
    }
}
