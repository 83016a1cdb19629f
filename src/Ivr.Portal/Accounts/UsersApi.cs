using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Portal.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ivr.Portal.Accounts;

/// <summary>
/// <c>/api/users</c>: the supervisor's account administration: list, disable, enable, remove, change a
/// role, and see or revoke a user's sessions. Everyone else gets 403 (audited). A supervisor cannot disable or
/// remove their own account here (the command line can), so the portal never loses its last one by a click.
/// </summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users", async (HttpContext context, IUserStore users, IAuditLog audit, TimeProvider time) =>
        {
            if (await RefuseAsync(context, audit, time, "*") is { } refused)
            {
                return refused;
            }

            var now = time.GetUtcNow();
            return Results.Ok((await users.ListAsync(context.RequestAborted)).Select(u => new UserJson(
                u.Username, PortalRoles.Name(u.Role), u.PracticeId, u.ClinicianId, State(u, now))));
        });
        app.MapPost("/api/users/{username}/{verb:regex(^(disable|enable|remove)$)}", PostChangeAsync).AddEndpointFilter<AntiforgeryHeaderFilter>();
        app.MapPost("/api/users/{username}/role", async (string username, RoleJson body, HttpContext context, IUserStore users, PortalAccounts accounts, IPracticeStore practices, IAuditLog audit, TimeProvider time) =>
        {
            if (await RefuseAsync(context, audit, time, username) is { } refused)
            {
                return refused;
            }

            var failure = await ChangeRoleAsync(context.Who(), username, body.Role, body.PracticeId, body.ClinicianId, users, accounts, practices, context.RequestAborted);
            return failure is { } f ? Results.Problem(title: f.Why, statusCode: f.Status) : Results.NoContent();
        }).AddEndpointFilter<AntiforgeryHeaderFilter>();
        app.MapGet("/api/users/{username}/sessions", async (string username, HttpContext context, IUserStore users, PortalAccounts accounts, IAuditLog audit, TimeProvider time) =>
        {
            if (await RefuseAsync(context, audit, time, username) is { } refused)
            {
                return refused;
            }

            return await users.FindAsync(username, context.RequestAborted) is { } user
                ? Results.Ok((await accounts.ActiveSessionsAsync(user.Id, context.RequestAborted)).Select(s => SessionListJson.From(s, PortalClaims.SessionId(context.User))))
                : Results.NotFound();
        });
        app.MapDelete("/api/users/{username}/sessions", async (string username, HttpContext context, IUserStore users, PortalAccounts accounts, IAuditLog audit, TimeProvider time) =>
        {
            if (await RefuseAsync(context, audit, time, username) is { } refused)
            {
                return refused;
            }

            if (await users.FindAsync(username, context.RequestAborted) is not { } user)
            {
                return Results.NotFound();
            }

            await accounts.RevokeAllAsync(user, context.Who().AuditActor, SessionEnd.RevokedBySupervisor, context.RequestAborted);
            return Results.NoContent();
        }).AddEndpointFilter<AntiforgeryHeaderFilter>();
        app.MapDelete("/api/users/{username}/sessions/{id:long}", async (string username, long id, HttpContext context, IUserStore users, PortalAccounts accounts, IAuditLog audit, TimeProvider time) =>
        {
            if (await RefuseAsync(context, audit, time, username) is { } refused)
            {
                return refused;
            }

            return await users.FindAsync(username, context.RequestAborted) is { } user
                && await accounts.RevokeAsync(user, id, context.Who().AuditActor, SessionEnd.RevokedBySupervisor, context.RequestAborted)
                ? Results.NoContent()
                : Results.NotFound();
        }).AddEndpointFilter<AntiforgeryHeaderFilter>();
        return app;
    }

    /// <summary>What the page and the API both do; null when done, otherwise the status and why.</summary>
    public static async Task<(int Status, string Why)?> ChangeAsync(
        PortalIdentity who, string username, string verb, IUserStore users, PortalAccounts accounts, SignInService signIn, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(username, cancellationToken) is not { } user)
        {
            return (StatusCodes.Status404NotFound, $"No user '{username}'.");
        }

        if (user.IsRemoved)
        {
            return (StatusCodes.Status409Conflict, $"{user.Username} was removed.");
        }

        if (user.Id == who.UserId && verb != "enable")
        {
            return (StatusCodes.Status409Conflict, "You cannot disable or remove your own account here.");
        }

        switch (verb)
        {
            case "disable":
                await accounts.DisableAsync(user, who.AuditActor, cancellationToken);
                break;
            case "enable":
                await accounts.EnableAsync(user, who.AuditActor, cancellationToken);
                break;
            default:
                await accounts.RemoveAsync(user, signIn.UnusableHash(), who.AuditActor, cancellationToken);
                break;
        }

        return null;
    }

    /// <summary>
    /// A new role (and practice, clinician id) for an account, which ends its sessions; null when done,
    /// otherwise the status and why. A supervisor cannot change their own role here (the command line
    /// can), so the portal never loses its last supervisor by a click.
    /// </summary>
    public static async Task<(int Status, string Why)?> ChangeRoleAsync(
        PortalIdentity who, string username, string? roleName, string? practiceId, string? clinicianId, IUserStore users, PortalAccounts accounts, IPracticeStore practices, CancellationToken cancellationToken)
    {
        practiceId = string.IsNullOrWhiteSpace(practiceId) ? null : practiceId.Trim();
        clinicianId = string.IsNullOrWhiteSpace(clinicianId) ? null : clinicianId.Trim();
        if (await users.FindAsync(username, cancellationToken) is not { } user)
        {
            return (StatusCodes.Status404NotFound, $"No user '{username}'.");
        }

        if (user.IsRemoved)
        {
            return (StatusCodes.Status409Conflict, $"{user.Username} was removed.");
        }

        if (user.Id == who.UserId)
        {
            return (StatusCodes.Status409Conflict, "You cannot change your own role here.");
        }

        if (!PortalRoles.TryParse(roleName, out var role))
        {
            return (StatusCodes.Status400BadRequest, $"The role is one of {string.Join(", ", PortalRoles.All)}.");
        }

        var practice = practiceId is null ? null : await practices.GetAsync(practiceId, cancellationToken);
        if (practiceId is not null && practice is null)
        {
            return (StatusCodes.Status400BadRequest, $"No practice '{practiceId}'.");
        }

        var name = PortalRoles.Name(role);
        string? problem = RolePlace.Check(role, practiceId, clinicianId, practice) switch
        {
            RolePlaceProblem.NeedsPractice => $"A {name} belongs to a practice: choose one.",
            RolePlaceProblem.NoPracticeAllowed => $"A {name} belongs to no practice: leave the practice empty.",
            RolePlaceProblem.NeedsClinician => "A clinician needs their clinician id from the practice's file.",
            RolePlaceProblem.NoClinicianAllowed => "Only a clinician has a clinician id: leave it empty.",
            RolePlaceProblem.UnknownClinician => $"'{clinicianId}' is not a clinician of {practice!.Name}.",
            _ => null,
        };
        if (problem is not null)
        {
            return (StatusCodes.Status400BadRequest, problem);
        }

        await accounts.ChangeRoleAsync(user, role, practiceId, clinicianId, who.AuditActor, cancellationToken);
        return null;
    }

    public static string State(PortalUser user, DateTimeOffset now) =>
        user.IsRemoved ? "removed" : user.IsDisabled ? "disabled" : user.MustWait(now) ? "slowed after wrong passwords" : "active";

    private static async Task<IResult> PostChangeAsync(
        string username, string verb, HttpContext context, IUserStore users, PortalAccounts accounts, SignInService signIn, IAuditLog audit, TimeProvider time)
    {
        if (await RefuseAsync(context, audit, time, username) is { } refused)
        {
            return refused;
        }

        var failure = await ChangeAsync(context.Who(), username, verb, users, accounts, signIn, context.RequestAborted);
        return failure is { } f ? Results.Problem(title: f.Why, statusCode: f.Status) : Results.NoContent();
    }

    private static async Task<IResult?> RefuseAsync(HttpContext context, IAuditLog audit, TimeProvider time, string subject)
    {
        var who = context.Who();
        if (who.Role == PortalRole.Supervisor)
        {
            return null;
        }

        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "user.denied", "user", subject, "not a supervisor"), context.RequestAborted);
        return Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    /// <summary>The body of <c>POST /api/users/{username}/role</c>.</summary>
    public sealed record RoleJson(string? Role, string? PracticeId, string? ClinicianId);

    private sealed record UserJson(string Username, string Role, string? PracticeId, string? ClinicianId, string State);
}
