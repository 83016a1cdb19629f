using Ivr.Domain.Accounts;

namespace Ivr.Domain.Tests.Accounts;

/// <summary>Needs nothing: who must prove a second factor, who must enrol one, and who may skip it.</summary>
public sealed class SecondFactorPolicyTests
{
    [Theory]
    [InlineData(PortalRole.Supervisor, true)]
    [InlineData(PortalRole.PracticeAdmin, true)]
    [InlineData(PortalRole.Clinician, true)]
    [InlineData(PortalRole.TelecomAdmin, false)]
    public void ANewDatabaseRequiresASecondFactorOfEveryRoleThatSeesPatientData(PortalRole role, bool required) =>
        Assert.Equal(required, SecondFactorPolicy.Default.Requires(role));

    [Fact]
    public void AUserOfARequiredRoleWithoutAFactorMustEnrolAndWithOneMustVerify()
    {
        var clinician = User(PortalRole.Clinician);

        Assert.Equal(SecondFactorStep.Enrol, SecondFactorPolicy.Default.StepAfterPassword(clinician, hasFactor: false));
        Assert.Equal(SecondFactorStep.Verify, SecondFactorPolicy.Default.StepAfterPassword(clinician, hasFactor: true));
    }

    [Fact]
    public void AUserOfAnOptionalRoleSignsInWithThePasswordAloneUnlessTheyEnrolledAFactor()
    {
        var admin = User(PortalRole.TelecomAdmin);

        Assert.Equal(SecondFactorStep.None, SecondFactorPolicy.Default.StepAfterPassword(admin, hasFactor: false));
        Assert.Equal(SecondFactorStep.Verify, SecondFactorPolicy.Default.StepAfterPassword(admin, hasFactor: true));
    }

    [Fact]
    public void TheSupervisorsChangeToOneRoleLeavesTheOthersAsTheyWere()
    {
        var policy = SecondFactorPolicy.Default.With(PortalRole.TelecomAdmin, true).With(PortalRole.Clinician, false);

        Assert.True(policy.Requires(PortalRole.TelecomAdmin));
        Assert.False(policy.Requires(PortalRole.Clinician));
        Assert.True(policy.Requires(PortalRole.Supervisor));
        Assert.True(policy.Requires(PortalRole.PracticeAdmin));
        Assert.Equal(SecondFactorStep.None, policy.StepAfterPassword(User(PortalRole.Clinician), hasFactor: false));
    }

    [Fact]
    public void RecoveryCodesAreTenDifferentCodesWhoseHashIgnoresCaseAndDashes()
    {
        var codes = RecoveryCodes.Generate();

        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", c));
        Assert.All(codes, c => Assert.True(RecoveryCodes.LooksLikeOne(c)));
        Assert.False(RecoveryCodes.LooksLikeOne("123456"));
        Assert.Equal(RecoveryCodes.Hash(codes[0]), RecoveryCodes.Hash(" " + codes[0].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()));
        Assert.NotEqual(RecoveryCodes.Hash(codes[0]), RecoveryCodes.Hash(codes[1]));
    }

    private static PortalUser User(PortalRole role) => new() { Id = 7, Username = "u", PasswordHash = "x", Role = role, CreatedAt = DateTimeOffset.UnixEpoch };
}
