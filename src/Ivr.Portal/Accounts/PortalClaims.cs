using System.Globalization;
using System.Security.Claims;
using Ivr.Domain.Accounts;

namespace Ivr.Portal.Accounts;

/// <summary>What the sign-in cookie says about its user, and back.</summary>
public static class PortalClaims
{
    public const string Scheme = "ivr-portal";

    /// <summary>The claim naming the server-side session a sign-in belongs to (recorded on every audit row).</summary>
    public const string Session = "ivr:session";
    private const string PracticeClaim = "ivr:practice";
    private const string ClinicianClaim = "ivr:clinician";

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
