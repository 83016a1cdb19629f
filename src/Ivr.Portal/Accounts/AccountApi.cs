using Ivr.Domain.Accounts;
using Ivr.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Accounts;

/// <summary>
/// The signed-in user's own account: their active sessions, "sign out everywhere", and a new
/// password (which ends every other session of theirs).
/// </summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/session/all", async (HttpContext context, PortalAccounts accounts) =>
            Results.Ok((await accounts.ActiveSessionsAsync(context.Who().UserId, context.RequestAborted))
                .Select(s => SessionListJson.From(s, PortalClaims.SessionId(context.User)))));
        app.MapDelete("/api/session/all", async (HttpContext context, PortalAccounts accounts, IUserStore users) =>
        {
            var who = context.Who();
            if (await users.GetAsync(who.UserId, context.RequestAborted) is { } user)
            {
                await accounts.RevokeAllAsync(user, who.AuditActor, SessionEnd.Everywhere, context.RequestAborted);
            }

            await context.SignOutAsync(PortalClaims.Scheme);
            return Results.NoContent();
        }).AddEndpointFilter<AntiforgeryHeaderFilter>();
        app.MapPost("/api/session/password", PostPasswordAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        return app;
    }

    /// <summary>What the page and the API both do for a new password; null when it was set, otherwise why not.</summary>
    public static async Task<string?> ChangePasswordAsync(
        HttpContext context, string? current, string? next, PortalAccounts accounts, IUserStore users, SignInService signIn, PortalOptions options)
    {
        var who = context.Who();
        var user = await users.GetAsync(who.UserId, context.RequestAborted);
        if (user is null || !signIn.Verify(user, current ?? string.Empty))
        {
            return "The current password is wrong.";
        }

        if ((next ?? string.Empty).Length < options.MinimumPasswordLength)
        {
            return $"The new password must be at least {options.MinimumPasswordLength} characters.";
        }

        await accounts.ChangePasswordAsync(user, signIn.Hash(user, next!), who.AuditActor, PortalClaims.SessionId(context.User), context.RequestAborted);
        return null;
    }

    private static async Task<IResult> PostPasswordAsync(
        PasswordChangeJson body, HttpContext context, PortalAccounts accounts, IUserStore users, SignInService signIn, IOptions<PortalOptions> options)
    {
        var refusal = await ChangePasswordAsync(context, body.CurrentPassword, body.NewPassword, accounts, users, signIn, options.Value);
        return refusal is null ? Results.NoContent() : Results.Problem(title: refusal, statusCode: StatusCodes.Status400BadRequest);
    }
}
