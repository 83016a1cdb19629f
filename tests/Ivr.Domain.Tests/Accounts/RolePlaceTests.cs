using Ivr.Domain.Accounts;

namespace Ivr.Domain.Tests.Accounts;

/// <summary>Needs nothing: where an account of each role may sit.</summary>
public sealed class RolePlaceTests
{
    [Theory]
    [InlineData(PortalRole.Operator, null, null, RolePlaceProblem.None)]
    [InlineData(PortalRole.Operator, "riverside", null, RolePlaceProblem.NoPracticeAllowed)]
    [InlineData(PortalRole.Nurse, null, null, RolePlaceProblem.None)]
    [InlineData(PortalRole.Nurse, "riverside", null, RolePlaceProblem.NoPracticeAllowed)]
    [InlineData(PortalRole.Supervisor, null, null, RolePlaceProblem.None)]
    [InlineData(PortalRole.PracticeAdmin, null, null, RolePlaceProblem.NeedsPractice)]
    [InlineData(PortalRole.PracticeAdmin, "riverside", "dr-lee", RolePlaceProblem.NoClinicianAllowed)]
    [InlineData(PortalRole.Clinician, "riverside", null, RolePlaceProblem.NeedsClinician)]
    public void EachRoleSitsWhereItBelongs(PortalRole role, string? practiceId, string? clinicianId, RolePlaceProblem expected)
    {
        Assert.Equal(expected, RolePlace.Check(role, practiceId, clinicianId, practice: null));
    }

    [Fact]
    public void OperatorsNeedASecondFactorFromTheStartLikeEveryRoleThatSeesPatientData()
    {
        Assert.True(SecondFactorPolicy.Default.Requires(PortalRole.Operator));
        Assert.False(SecondFactorPolicy.Default.Requires(PortalRole.TelecomAdmin));
        Assert.Equal("operator", PortalRoles.Name(PortalRole.Operator));
        Assert.True(PortalRoles.TryParse("operator", out var parsed) && parsed == PortalRole.Operator);
    }

    [Fact]
    public void NursesNeedASecondFactorFromTheStartAndGoByTheirName()
    {
        Assert.True(SecondFactorPolicy.Default.Requires(PortalRole.Nurse));
        Assert.Equal("nurse", PortalRoles.Name(PortalRole.Nurse));
        Assert.True(PortalRoles.TryParse("nurse", out var parsed) && parsed == PortalRole.Nurse);
        Assert.Contains("nurse", PortalRoles.All);
    }
}
