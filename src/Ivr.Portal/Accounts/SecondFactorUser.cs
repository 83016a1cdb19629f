using Ivr.Domain.Accounts;

namespace Ivr.Portal.Accounts;

/// <summary>Whose second factor a request is about: the signed-in user, or the user of a pending sign-in.</summary>
public sealed record SecondFactorUser(PortalUser User, PendingSignIn? Pending)
{
    /// <summary>
    /// The signed-in user, else the pending sign-in's user when it is at <paramref name="step"/>;
    /// null when neither (or the account was disabled meanwhile).
    /// </summary>
    public static async Task<SecondFactorUser?> ResolveAsync(HttpContext context, SecondFactorStep step, CancellationToken cancellationToken = default)
    {
        var users = context.RequestServices.GetRequiredService<IUserStore>();
        if (PortalClaims.Identity(context.User) is { } identity)
        {
            return await users.GetAsync(identity.UserId, cancellationToken) is { } signedIn && !signedIn.IsDisabled ? new SecondFactorUser(signedIn, null) : null;
        }

        var pending = context.RequestServices.GetRequiredService<PendingSignIns>().Find(context);
        if (pending is null || pending.Step != step)
        {
            return null;
        }

        return await users.GetAsync(pending.UserId, cancellationToken) is { } user && !user.IsDisabled ? new SecondFactorUser(user, pending) : null;
    }

    /// <summary>Where to go once signed in: the page asked for before the password, if it is one of ours, else <see cref="Home"/>.</summary>
    public static string Next(string? returnUrl, PortalRole role) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : Home(role);

    /// <summary>Where a fresh sign-in lands: an operator at the desk, everyone else at the inbox (which sends on those without one).</summary>
    public static string Home(PortalRole role) => role is PortalRole.Operator or PortalRole.Nurse ? "/desk" : "/messages";
}
