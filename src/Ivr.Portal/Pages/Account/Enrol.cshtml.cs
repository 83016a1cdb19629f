using Ivr.Domain.Accounts;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Pages.Account;

/// <summary>
/// Sets up second factors: an authenticator app (QR code and the secret in text, confirmed with a
/// code) and passkeys. A user whose role requires a factor and who has none comes here right after
/// the password, with no session: they are signed in once a factor is set up, not before.
/// Recovery codes are shown once, when the first factor is set up or when the user asks for new ones.
/// </summary>
[AllowAnonymous]
public sealed class EnrolModel(
    SecondFactorService factors,
    PortalSessions sessions,
    ISecondFactorStore store,
    EnrolmentDrafts drafts,
    PendingSignIns pendingSignIns,
    IOptions<SecondFactorOptions> options) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public string? Error { get; private set; }

    /// <summary>True while the user is not signed in yet (their role requires a factor they lack).</summary>
    public bool Required { get; private set; }

    public string Secret { get; private set; } = string.Empty;

    public string QrSvg { get; private set; } = string.Empty;

    public bool HasAuthenticator { get; private set; }

    public IReadOnlyList<PasskeyCredential> Passkeys { get; private set; } = [];

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Recovery codes to show this once; null when there are none to show.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public string Next { get; private set; } = "/messages";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await SecondFactorUser.ResolveAsync(HttpContext, SecondFactorStep.Enrol, HttpContext.RequestAborted) is not { } who)
        {
            return Redirect("/signin");
        }

        await DescribeAsync(who);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await SecondFactorUser.ResolveAsync(HttpContext, SecondFactorStep.Enrol, HttpContext.RequestAborted) is not { } who)
        {
            return Redirect("/signin");
        }

        var (confirmed, codes) = await factors.ConfirmTotpAsync(who.User, drafts.TotpSecret(who.User.Id), Code ?? string.Empty, HttpContext.RequestAborted);
        if (!confirmed)
        {
            await DescribeAsync(who);
            Error = "That code does not match. Check the app shows this account, and type the code it shows now.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        drafts.End(who.User.Id);
        if (who.Pending is { } pending)
        {
            pendingSignIns.End(HttpContext);
            await sessions.StartSessionAsync(HttpContext, who.User);
            Next = SecondFactorUser.Next(pending.ReturnUrl, who.User.Role);
        }

        await DescribeAsync(who with { Pending = null });
        NewRecoveryCodes = codes;
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (PortalClaims.Identity(User) is null || await SecondFactorUser.ResolveAsync(HttpContext, SecondFactorStep.Enrol, HttpContext.RequestAborted) is not { } who)
        {
            return Redirect("/signin");
        }

        NewRecoveryCodes = await factors.ReplaceRecoveryCodesAsync(who.User, HttpContext.RequestAborted);
        await DescribeAsync(who);
        return Page();
    }

    private async Task DescribeAsync(SecondFactorUser who)
    {
        Required = who.Pending is not null;
        Next = SecondFactorUser.Next(who.Pending?.ReturnUrl, who.User.Role);
        Secret = drafts.TotpSecret(who.User.Id);
        QrSvg = SecondFactorQr.Svg(TotpVerifier.EnrolmentUri(options.Value.Issuer, who.User.Username, Secret));
        HasAuthenticator = await store.GetTotpSecretAsync(who.User.Id, HttpContext.RequestAborted) is not null;
        Passkeys = await store.ListPasskeysAsync(who.User.Id, HttpContext.RequestAborted);
        RecoveryCodesLeft = await store.UnusedRecoveryCodesAsync(who.User.Id, HttpContext.RequestAborted);
    }
}
