using System.Security.Claims;
using Ivr.Domain.Accounts;
using Ivr.Portal.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ivr.Portal.Accounts;

/// <summary>
/// <c>/api/session</c>: sign in with JSON (same delay, answer and audit as the sign-in page), see who is
/// signed in and get the antiforgery token, sign out.
/// </summary>
public static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/session", (HttpContext context, IAntiforgery antiforgery) => Results.Ok(Session(context, context.User, antiforgery)))
            .RequireAuthorization();
        app.MapPost("/api/session", SignInAsync).AllowAnonymous();
        app.MapDelete("/api/session", async (HttpContext context, PortalSessions sessions) =>
        {
            await sessions.EndSessionAsync(context);
            return Results.NoContent();
        }).RequireAuthorization().AddEndpointFilter<AntiforgeryHeaderFilter>();
        return app;
    }

    /// <summary>The one answer to every refused sign-in (see <see cref="SignInStatus.Invalid"/>): fixed bytes, no trace id.</summary>
    public const string RefusedBody = """{"title":"Wrong username or password, or too many tries: wait a minute and try again.","status":401}""";

    private static async Task<IResult> SignInAsync(SignInJson body, HttpContext context, SignInService signIn, PortalSessions sessions, IAntiforgery antiforgery, SecondFactorService secondFactor)
    {
        var outcome = await signIn.SignInAsync(body.Username ?? string.Empty, body.Password ?? string.Empty, context.RequestAborted);
        if (outcome.Status != SignInStatus.Success)
        {
            return Results.Text(RefusedBody, "application/problem+json", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (await secondFactor.StepAfterPasswordAsync(outcome.User!, context.RequestAborted) != SecondFactorStep.None)
        {
            // A password alone opens no session for an account with a second factor: sign in on the portal's page.
            return Results.Problem(title: "A second factor is required: sign in on the portal's sign-in page.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // The antiforgery token is bound to the user: StartSessionAsync makes the request's user the one just signed in.
        var principal = await sessions.StartSessionAsync(context, outcome.User!);
        return Results.Ok(Session(context, principal, antiforgery));
    }

    private static SessionJson Session(HttpContext context, ClaimsPrincipal principal, IAntiforgery antiforgery)
    {
        var who = PortalClaims.Identity(principal)!;
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new SessionJson(who.Username, PortalRoles.Name(who.Role), who.PracticeId, who.ClinicianId, AntiforgeryHeaderFilter.HeaderName, tokens.RequestToken);
    }
}
