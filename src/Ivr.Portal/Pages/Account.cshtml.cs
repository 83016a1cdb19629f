using Ivr.Domain.Accounts;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Pages;

/// <summary>The signed-in user's sessions, "sign out everywhere", and a new password (which ends every other session).</summary>
public sealed class AccountModel(PortalAccounts accounts, IUserStore users, SignInService signIn, IOptions<PortalOptions> options) : PageModel
{
    public string Username { get; private set; } = string.Empty;

    public IReadOnlyList<SessionListJson> Sessions { get; private set; } = [];

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        var who = HttpContext.Who();
        if (await users.GetAsync(who.UserId, HttpContext.RequestAborted) is { } user)
        {
            await accounts.RevokeAllAsync(user, who.AuditActor, SessionEnd.Everywhere, HttpContext.RequestAborted);
        }

        await HttpContext.SignOutAsync(PortalClaims.Scheme);
        return Redirect("/signin?signedout=true");
    }

    public async Task OnPostPasswordAsync(string? current, string? next)
    {
        Error = await AccountApi.ChangePasswordAsync(HttpContext, current, next, accounts, users, signIn, options.Value);
        if (Error is null)
        {
            Notice = "Password set; every other session of yours is signed out.";
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var who = HttpContext.Who();
        Username = who.Username;
        Sessions = (await accounts.ActiveSessionsAsync(who.UserId, HttpContext.RequestAborted)).Select(s => SessionListJson.From(s, PortalClaims.SessionId(User))).ToArray();
    }
}
