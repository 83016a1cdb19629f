using Ivr.Domain.Accounts;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Pages;

/// <summary>The sign-in form: wrong passwords count toward the lockout; every try is audited.</summary>
[AllowAnonymous]
public sealed class SignInModel(SignInService signIn, IOptions<PortalOptions> options, SecondFactorService secondFactor, PendingSignIns pending) : PageModel
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
        switch (outcome.Status)
        {
            case SignInStatus.Success:
                if (await secondFactor.StepAfterPasswordAsync(outcome.User!, HttpContext.RequestAborted) is var step and not SecondFactorStep.None)
                {
                    pending.Begin(HttpContext, outcome.User!, step, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null);
                    return Redirect(step == SecondFactorStep.Verify ? "/signin/second-factor" : "/account/second-factor");
                }

                await HttpContext.SignInAsync(PortalClaims.Scheme, PortalClaims.Principal(outcome.User!));
                // Only a path of this site: a crafted link must not bounce a fresh sign-in elsewhere.
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/messages");
            case SignInStatus.LockedOut:
                Error = $"Too many wrong passwords. The account is locked until {outcome.LockedUntil!.Value.ToLocalTime():HH:mm} (server time); ask your supervisor if you need in sooner.";
                break;
            default:
                Error = "Wrong username or password.";
                break;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
