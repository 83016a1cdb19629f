using Ivr.Domain.Practices;

namespace Ivr.Domain.Accounts;

/// <summary>What is wrong with where an account would sit; <see cref="RolePlace.Check"/> finds it.</summary>
public enum RolePlaceProblem
{
    None,

    /// <summary>Practice staff and clinicians belong to one practice.</summary>
    NeedsPractice,

    /// <summary>The supervisor, telecom admins, operators and nurses (who answer for every practice) belong to none.</summary>
    NoPracticeAllowed,

    /// <summary>A clinician is tied to their id in the practice's file (their acknowledgements are recorded as it).</summary>
    NeedsClinician,

    /// <summary>Only the clinician role is tied to a clinician id.</summary>
    NoClinicianAllowed,

    /// <summary>The clinician id is not one of the practice's clinicians.</summary>
    UnknownClinician,
}

/// <summary>
/// Where an account of each role sits: staff and clinicians in one practice, a clinician as one of its
/// clinicians, the supervisor and telecom admins in none. Adding an account and changing its role both
/// check here, from the command line and the portal alike.
/// </summary>
public static class RolePlace
{
    /// <summary>The first problem with <paramref name="role"/> at <paramref name="practiceId"/> and <paramref name="clinicianId"/>; <paramref name="practice"/> is the practice looked up (the caller reports an unknown one).</summary>
    public static RolePlaceProblem Check(PortalRole role, string? practiceId, string? clinicianId, Practice? practice)
    {
        var needsPractice = role is PortalRole.PracticeAdmin or PortalRole.Clinician;
        if (needsPractice != (practiceId is not null))
        {
            return needsPractice ? RolePlaceProblem.NeedsPractice : RolePlaceProblem.NoPracticeAllowed;
        }

        if ((role == PortalRole.Clinician) != (clinicianId is not null))
        {
            return role == PortalRole.Clinician ? RolePlaceProblem.NeedsClinician : RolePlaceProblem.NoClinicianAllowed;
        }

        return clinicianId is not null && practice?.Clinician(clinicianId) is null ? RolePlaceProblem.UnknownClinician : RolePlaceProblem.None;
    }
}
