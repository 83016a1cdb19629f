using Ivr.Domain.Accounts;

namespace Ivr.Portal.Accounts;

public static class PortalUserExtensions
{
    /// <summary>Who the account is once signed in.</summary>
    public static PortalIdentity Identity(this PortalUser user) => new(user.Id, user.Username, user.Role, user.PracticeId, user.ClinicianId);
}
