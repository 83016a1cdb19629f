using System.Security.Claims;
using Ivr.Domain.Accounts;
using Ivr.Portal.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ivr.Portal.Accounts;

/// <summary>
/// <c>/api/session</c>: sign in with JSON (same lockout and audit as the sign-in page), see who is
/// signed in and get the antiforgery token, sign out.
/// </summary>
public static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/session", (HttpContext context, IAntiforgery antiforgery) => Results.Ok(Session(context, context.User, antiforgery)))
            .RequireAuthorization();
        app.MapPost("/api/session", SignInAsync).AllowAnonymous();
        app.MapDelete("/api/session", async (HttpContext context) =>
        {
            await context.SignOutAsync(PortalClaims.Scheme);
            return Results.NoContent();
        }).RequireAuthorization().AddEndpointFilter<AntiforgeryHeaderFilter>();
        return app;
    }

    private static async Task<IResult> SignInAsync(SignInJson body, HttpContext context, SignInService signIn, IAntiforgery antiforgery, SecondFactorService secondFactor)
    {
        var outcome = await signIn.SignInAsync(body.Username ?? string.Empty, body.Password ?? string.Empty, context.RequestAborted);
        switch (outcome.Status)
        {
            case SignInStatus.Success when await secondFactor.StepAfterPasswordAsync(outcome.User!, context.RequestAborted) != SecondFactorStep.None:
                // A password alone opens no session for an account with a second factor: sign in on the portal's page.
                return Results.Problem(title: "A second factor is required: sign in on the portal's sign-in page.", statusCode: StatusCodes.Status401Unauthorized);
            case SignInStatus.Success:
                var principal = PortalClaims.Principal(outcome.User!);
                await context.SignInAsync(PortalClaims.Scheme, principal);
                // The token is bound to the user: make it for the one just signed in, not the anonymous caller.
                context.User = principal;
                return Results.Ok(Session(context, principal, antiforgery));
            case SignInStatus.LockedOut:
                return Results.Problem(title: $"Too many wrong passwords: the account is locked until {outcome.LockedUntil:u}.", statusCode: StatusCodes.Status401Unauthorized);
            default:
                return Results.Problem(title: "Wrong username or password.", statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    private static SessionJson Session(HttpContext context, ClaimsPrincipal principal, IAntiforgery antiforgery)
    {
        var who = PortalClaims.Identity(principal)!;
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new SessionJson(who.Username, PortalRoles.Name(who.Role), who.PracticeId, who.ClinicianId, AntiforgeryHeaderFilter.HeaderName, tokens.RequestToken);
    }
}
