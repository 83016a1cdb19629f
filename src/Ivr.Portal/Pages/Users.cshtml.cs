using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages;

/// <summary>The supervisor's accounts page: each user's state and sessions; disable, enable, remove, change role, sign out everywhere.</summary>
public sealed class UsersModel(IUserStore users, PortalAccounts accounts, SignInService signIn, IPracticeStore practices, IAuditLog audit, TimeProvider time) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    /// <summary>The practices a practice admin or clinician can be placed in, by id.</summary>
    public IReadOnlyList<string> PracticeIds { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await RefuseAsync("*") is { } refused)
        {
            return refused;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync(string username, string verb)
    {
        if (await RefuseAsync(username) is { } refused)
        {
            return refused;
        }

        if (verb is not ("disable" or "enable" or "remove"))
        {
            return BadRequest();
        }

        if (await UsersApi.ChangeAsync(HttpContext.Who(), username, verb, users, accounts, signIn, HttpContext.RequestAborted) is { } failure)
        {
            Error = failure.Why;
            Response.StatusCode = failure.Status;
            await LoadAsync();
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(string username, string? role, string? practiceId, string? clinicianId)
    {
        if (await RefuseAsync(username) is { } refused)
        {
            return refused;
        }

        if (await UsersApi.ChangeRoleAsync(HttpContext.Who(), username, role, practiceId, clinicianId, users, accounts, practices, HttpContext.RequestAborted) is { } failure)
        {
            Error = failure.Why;
            Response.StatusCode = failure.Status;
            await LoadAsync();
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string username)
    {
        if (await RefuseAsync(username) is { } refused)
        {
            return refused;
        }

        if (await users.FindAsync(username, HttpContext.RequestAborted) is not { } user)
        {
            return NotFound();
        }

        await accounts.RevokeAllAsync(user, HttpContext.Who().AuditActor, SessionEnd.RevokedBySupervisor, HttpContext.RequestAborted);
        return RedirectToPage();
    }

    private async Task<IActionResult?> RefuseAsync(string subject)
    {
        var who = HttpContext.Who();
        if (who.Role == PortalRole.Supervisor)
        {
            return null;
        }

        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "user.denied", "user", subject, "not a supervisor"), HttpContext.RequestAborted);
        return StatusCode(StatusCodes.Status403Forbidden);
    }

    private async Task LoadAsync()
    {
        var now = time.GetUtcNow();
        var rows = new List<UserRow>();
        foreach (var user in await users.ListAsync(HttpContext.RequestAborted))
        {
            rows.Add(new UserRow(user, UsersApi.State(user, now), await accounts.ActiveSessionsAsync(user.Id, HttpContext.RequestAborted)));
        }

        Users = rows;
        PracticeIds = (await practices.ListAsync(HttpContext.RequestAborted)).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
    }

    public sealed record UserRow(PortalUser User, string State, IReadOnlyList<PortalSession> Sessions);
}
