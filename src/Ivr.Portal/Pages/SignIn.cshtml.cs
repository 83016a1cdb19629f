using Ivr.Domain.Accounts;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Pages;

/// <summary>The sign-in form: wrong passwords slow further tries down; every try is audited.</summary>
[AllowAnonymous]
public sealed class SignInModel(SignInService signIn, PortalSessions sessions, IOptions<PortalOptions> options, SecondFactorService secondFactor, PendingSignIns pending) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(Name = "idle", SupportsGet = true)]
    public bool Idle { get; set; }

    [BindProperty(Name = "signedout", SupportsGet = true)]
    public bool SignedOut { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public int IdleMinutes => (int)options.Value.IdleTimeout.TotalMinutes;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await signIn.SignInAsync(Username ?? string.Empty, Password ?? string.Empty, HttpContext.RequestAborted);
        if (outcome.Status == SignInStatus.Success)
        {
            if (await secondFactor.StepAfterPasswordAsync(outcome.User!, HttpContext.RequestAborted) is var step and not SecondFactorStep.None)
            {
                pending.Begin(HttpContext, outcome.User!, step, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null);
                return Redirect(step == SecondFactorStep.Verify ? "/signin/second-factor" : "/account/second-factor");
            }

            await sessions.StartSessionAsync(HttpContext, outcome.User!);
            // Only a path of this site: a crafted link must not bounce a fresh sign-in elsewhere.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : SecondFactorUser.Home(outcome.User!.Role));
        }

        // One message for every refusal: it must not tell a guesser whether the name exists or is slowed down.
        Error = "Wrong username or password, or too many tries: wait a minute and try again.";

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
