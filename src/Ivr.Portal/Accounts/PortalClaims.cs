using System.Globalization;
using System.Security.Claims;
using Ivr.Domain.Accounts;

namespace Ivr.Portal.Accounts;

/// <summary>What the sign-in cookie says about its user, and back.</summary>
public static class PortalClaims
{
    public const string Scheme = "ivr-portal";

    /// <summary>
    /// The session: in the cookie, the random token (the cookie carries nothing else); on a request's
    /// principal once the token is checked, the session's number in the <c>sessions</c> table (what the
    /// audit log and the sessions page show; never the token).
    /// </summary>
    public const string Session = "ivr:session";

    private const string PracticeClaim = "ivr:practice";
    private const string ClinicianClaim = "ivr:clinician";

    /// <summary>What the cookie holds: the session token only; who the user is comes from the server on each request.</summary>
    public static ClaimsPrincipal CookiePrincipal(string token) => new(new ClaimsIdentity([new Claim(Session, token)], Scheme));

    /// <summary>The request's user, in session <paramref name="sessionId"/>.</summary>
    public static ClaimsPrincipal Principal(PortalUser user, long sessionId)
    {
        var principal = Principal(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Session, sessionId.ToString(CultureInfo.InvariantCulture)));
        return principal;
    }

    /// <summary>The number of the request's session (not the token), or null.</summary>
    public static long? SessionId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(Session), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static ClaimsPrincipal Principal(PortalUser user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.Role, PortalRoles.Name(user.Role)),
        };
        if (user.PracticeId is { } practice)
        {
            claims.Add(new Claim(PracticeClaim, practice));
        }

        if (user.ClinicianId is { } clinician)
        {
            claims.Add(new Claim(ClinicianClaim, clinician));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The signed-in user, or null for an anonymous or malformed principal.</summary>
    public static PortalIdentity? Identity(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || principal.FindFirstValue(ClaimTypes.Name) is not { } username
            || !PortalRoles.TryParse(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }

        return new PortalIdentity(id, username, role, principal.FindFirstValue(PracticeClaim), principal.FindFirstValue(ClinicianClaim));
    }
}
