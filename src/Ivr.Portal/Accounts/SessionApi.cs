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
/// signed in and get the antiforgery token, sign out. An account with a second factor signs in in two
/// steps, as on the page: the password starts a pending sign-in (its own cookie, five minutes, five
/// tries), and <c>POST /api/session/second-factor</c> with an authenticator or recovery code opens the
/// session. An account whose role requires a factor it has not enrolled enrols on the page first.
/// </summary>
public static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/session", (HttpContext context, IAntiforgery antiforgery) => Results.Ok(Session(context, context.User, antiforgery)))
            .RequireAuthorization();
        app.MapPost("/api/session", SignInAsync).AllowAnonymous();
        app.MapPost("/api/session/second-factor", SecondFactorAsync).AllowAnonymous();
        app.MapDelete("/api/session", async (HttpContext context, PortalSessions sessions) =>
        {
            await sessions.EndSessionAsync(context);
            return Results.NoContent();
        }).RequireAuthorization().AddEndpointFilter<AntiforgeryHeaderFilter>();
        return app;
    }

    /// <summary>The one answer to every refused sign-in (see <see cref="SignInStatus.Invalid"/>): fixed bytes, no trace id.</summary>
    public const string RefusedBody = """{"title":"Wrong username or password, or too many tries: wait a minute and try again.","status":401}""";

    /// <summary>What a right password for an account with a second factor answers: no session yet, the code next.</summary>
    public const string CodeRequired = "A second factor is required: POST the code your authenticator app shows (or a recovery code) as {\"code\": \"…\"} to /api/session/second-factor within five minutes.";

    private static async Task<IResult> SignInAsync(SignInJson body, HttpContext context, SignInService signIn, PortalSessions sessions, IAntiforgery antiforgery, SecondFactorService secondFactor, PendingSignIns pending)
    {
        var outcome = await signIn.SignInAsync(body.Username ?? string.Empty, body.Password ?? string.Empty, context.RequestAborted);
        if (outcome.Status != SignInStatus.Success)
        {
            return Results.Text(RefusedBody, "application/problem+json", statusCode: StatusCodes.Status401Unauthorized);
        }

        switch (await secondFactor.StepAfterPasswordAsync(outcome.User!, context.RequestAborted))
        {
            case SecondFactorStep.Verify:
                // A password alone opens no session: the pending sign-in waits for the code.
                pending.Begin(context, outcome.User!, SecondFactorStep.Verify, null);
                return Results.Problem(title: CodeRequired, statusCode: StatusCodes.Status401Unauthorized, extensions: new Dictionary<string, object?> { ["secondFactor"] = "code" });
            case SecondFactorStep.Enrol:
                return Results.Problem(
                    title: "Your role requires a second factor and you have none yet: sign in on the portal's sign-in page to set one up.",
                    statusCode: StatusCodes.Status401Unauthorized,
                    extensions: new Dictionary<string, object?> { ["secondFactor"] = "enrol" });
        }

        // The antiforgery token is bound to the user: StartSessionAsync makes the request's user the one just signed in.
        var principal = await sessions.StartSessionAsync(context, outcome.User!);
        return Results.Ok(Session(context, principal, antiforgery));
    }

    /// <summary>
    /// The second step of a JSON sign-in: the pending sign-in's code. Five wrong codes end the pending
    /// sign-in (the password is asked again), as on the page; each try is audited by the factor check.
    /// </summary>
    private static async Task<IResult> SecondFactorAsync(CodeJson body, HttpContext context, SecondFactorService secondFactor, PendingSignIns pendingSignIns, PortalSessions sessions, IAntiforgery antiforgery)
    {
        if (await SecondFactorUser.ResolveAsync(context, SecondFactorStep.Verify, context.RequestAborted) is not { Pending: { } pending } who)
        {
            return Results.Problem(title: "No sign-in is waiting for a code: POST the username and password to /api/session first.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (await secondFactor.VerifyCodeAsync(who.User, body.Code ?? string.Empty, context.RequestAborted))
        {
            pendingSignIns.End(context);
            var principal = await sessions.StartSessionAsync(context, who.User);
            return Results.Ok(Session(context, principal, antiforgery));
        }

        var ended = pendingSignIns.Fail(context, pending);
        return Results.Problem(
            title: ended ? "Too many wrong codes: sign in with the password again." : "That code is not right, or was used already.",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    private static SessionJson Session(HttpContext context, ClaimsPrincipal principal, IAntiforgery antiforgery)
    {
        var who = PortalClaims.Identity(principal)!;
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new SessionJson(who.Username, PortalRoles.Name(who.Role), who.PracticeId, who.ClinicianId, AntiforgeryHeaderFilter.HeaderName, tokens.RequestToken);
    }
}
