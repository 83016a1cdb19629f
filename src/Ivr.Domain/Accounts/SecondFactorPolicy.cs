namespace Ivr.Domain.Accounts;

/// <summary>
/// Which roles must sign in with a second factor (a passkey or an authenticator app's code). The
/// supervisor sets it per role; a user with a factor enrolled always uses it, required or not.
/// </summary>
public sealed record SecondFactorPolicy(IReadOnlySet<PortalRole> RequiredRoles)
{
    /// <summary>
    /// What a new database starts with: every role that can see patient data (supervisor, practice
    /// admin, clinician, operator, nurse); the telecom admin, who sees none, may add a factor but is not made to.
    /// </summary>
    public static SecondFactorPolicy Default { get; } = new(new HashSet<PortalRole> { PortalRole.Supervisor, PortalRole.PracticeAdmin, PortalRole.Clinician, PortalRole.Operator, PortalRole.Nurse });

    public bool Requires(PortalRole role) => RequiredRoles.Contains(role);

    /// <summary>What comes after a right password for <paramref name="user"/>.</summary>
    public SecondFactorStep StepAfterPassword(PortalUser user, bool hasFactor) =>
        hasFactor ? SecondFactorStep.Verify : Requires(user.Role) ? SecondFactorStep.Enrol : SecondFactorStep.None;

    /// <summary>The policy with <paramref name="role"/> required or not.</summary>
    public SecondFactorPolicy With(PortalRole role, bool required)
    {
        var roles = new HashSet<PortalRole>(RequiredRoles);
        if (required)
        {
            roles.Add(role);
        }
        else
        {
            roles.Remove(role);
        }

        return new SecondFactorPolicy(roles);
    }
}
