using Ivr.Domain.Accounts;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Account;

/// <summary>
/// The second step of signing in: an authenticator code, a recovery code or a passkey. Reached only
/// with a pending sign-in (a right password in the last five minutes); too many wrong answers send
/// the user back to the password.
/// </summary>
[AllowAnonymous]
public sealed class SecondFactorModel(SecondFactorService factors, PendingSignIns pendingSignIns, ISecondFactorStore store, PortalSessions sessions) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public string? Error { get; private set; }

    public bool HasPasskey { get; private set; }

    public bool HasAuthenticator { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await SecondFactorUser.ResolveAsync(HttpContext, SecondFactorStep.Verify, HttpContext.RequestAborted) is not { Pending: not null } who)
        {
            return Redirect("/signin");
        }

        await DescribeAsync(who.User);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await SecondFactorUser.ResolveAsync(HttpContext, SecondFactorStep.Verify, HttpContext.RequestAborted) is not { Pending: { } pending } who)
        {
            return Redirect("/signin");
        }

        if (await factors.VerifyCodeAsync(who.User, Code ?? string.Empty, HttpContext.RequestAborted))
        {
            pendingSignIns.End(HttpContext);
            await sessions.StartSessionAsync(HttpContext, who.User);
            return LocalRedirect(SecondFactorUser.Next(pending.ReturnUrl, who.User.Role));
        }

        if (pendingSignIns.Fail(HttpContext, pending))
        {
            return Redirect("/signin");
        }

        await DescribeAsync(who.User);
        Error = "That code is not right, or was used already. Type the code your app shows now, or a recovery code.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private async Task DescribeAsync(PortalUser user)
    {
        HasPasskey = (await store.ListPasskeysAsync(user.Id, HttpContext.RequestAborted)).Count > 0;
        HasAuthenticator = await store.GetTotpSecretAsync(user.Id, HttpContext.RequestAborted) is not null;
    }
}
