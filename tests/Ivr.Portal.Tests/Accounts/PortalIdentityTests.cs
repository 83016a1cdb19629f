using Ivr.Domain.Accounts;
using Ivr.Portal.Accounts;

namespace Ivr.Portal.Tests.Accounts;

/// <summary>Needs nothing: who may see which practice's patient data.</summary>
public sealed class PortalIdentityTests
{
    private static readonly PortalIdentity Supervisor = new(1, "sam", PortalRole.Supervisor, null, null);
    private static readonly PortalIdentity AdminOfA = new(2, "ann", PortalRole.PracticeAdmin, "practice-a", null);
    private static readonly PortalIdentity ClinicianOfA = new(3, "lee", PortalRole.Clinician, "practice-a", "dr-lee");
    private static readonly PortalIdentity TelecomAdmin = new(4, "tom", PortalRole.TelecomAdmin, null, null);

    [Fact]
    public void TheSupervisorSeesEveryPracticeAndHasAnInboxOfAll()
    {
        Assert.True(Supervisor.CanSeePractice("practice-a"));
        Assert.True(Supervisor.CanSeePractice("practice-b"));
        Assert.True(Supervisor.SeesPatientData);
        Assert.Null(Supervisor.InboxPractice);
    }

    [Fact]
    public void PracticeStaffAndCliniciansSeeTheirOwnPracticeAndNeverAnother()
    {
        foreach (var who in new[] { AdminOfA, ClinicianOfA })
        {
            Assert.True(who.CanSeePractice("practice-a"));
            Assert.False(who.CanSeePractice("practice-b"));
            Assert.False(who.CanSeePractice("PRACTICE-A"));
            Assert.Equal("practice-a", who.InboxPractice);
        }
    }

    [Fact]
    public void ATelecomAdminSeesNoPatientDataAtAll()
    {
        Assert.False(TelecomAdmin.SeesPatientData);
        Assert.False(TelecomAdmin.CanSeePractice("practice-a"));
    }

    [Fact]
    public void ATelecomAdminSeesEveryCallsTimelineButStaffOnlyTheirPracticesCalls()
    {
        Assert.True(TelecomAdmin.SeesCalls);
        Assert.True(TelecomAdmin.CanSeeCallsOf("practice-b"));
        Assert.Null(TelecomAdmin.CallsPractice);
        Assert.True(ClinicianOfA.CanSeeCallsOf("practice-a"));
        Assert.False(ClinicianOfA.CanSeeCallsOf("practice-b"));
        Assert.Equal("practice-a", AdminOfA.CallsPractice);
        Assert.Null(Supervisor.CallsPractice);
    }

    [Fact]
    public void PracticeStaffWithoutAPracticeSeeNothingRatherThanEverything()
    {
        var orphan = AdminOfA with { PracticeId = null };

        Assert.False(orphan.SeesPatientData);
        Assert.False(orphan.CanSeePractice("practice-a"));
        Assert.Null(orphan.InboxPractice);
        Assert.False(orphan.CanSeeCallsOf("practice-a"));
        Assert.False(orphan.SeesCalls);
    }

    [Fact]
    public void AcknowledgementsAreRecordedAsTheClinicianIdAndReadsAsThePortalUser()
    {
        Assert.Equal("dr-lee", ClinicianOfA.Actor);
        Assert.Equal("ann", AdminOfA.Actor);
        Assert.Equal("portal:lee", ClinicianOfA.AuditActor);
    }

    [Fact]
    public void RoleNamesRoundTripAndUnknownOnesAreRefused()
    {
        foreach (var role in Enum.GetValues<PortalRole>())
        {
            Assert.True(PortalRoles.TryParse(PortalRoles.Name(role), out var parsed));
            Assert.Equal(role, parsed);
        }

        Assert.False(PortalRoles.TryParse("admin", out _));
        Assert.False(PortalRoles.TryParse(null, out _));
    }

    [Fact]
    public void ASignInDelayLastsUntilItsEndAndNotAMomentLonger()
    {
        var until = new DateTimeOffset(2026, 11, 22, 7, 15, 0, TimeSpan.Zero);
        var user = new PortalUser { Username = "lee", PasswordHash = "x", Role = PortalRole.Clinician, CreatedAt = until.AddDays(-1), LockedUntil = until };

        Assert.True(user.MustWait(until.AddTicks(-1)));
        Assert.False(user.MustWait(until));
        Assert.False((user with { LockedUntil = null }).MustWait(until));
    }

    [Fact]
    public void ReportsAreTheSupervisorsForAnyPracticeOrAllAndAPracticeAdminsForTheirOwnOnly()
    {
        Assert.True(Supervisor.CanSeeReportsOf(null));
        Assert.True(Supervisor.CanSeeReportsOf("practice-b"));
        Assert.True(AdminOfA.SeesReports);
        Assert.True(AdminOfA.CanSeeReportsOf("practice-a"));
        Assert.False(AdminOfA.CanSeeReportsOf("practice-b"));
        Assert.False(AdminOfA.CanSeeReportsOf(null));
        foreach (var who in new[] { ClinicianOfA, TelecomAdmin })
        {
            Assert.False(who.SeesReports);
            Assert.False(who.CanSeeReportsOf("practice-a"));
            Assert.False(who.CanSeeReportsOf(null));
        }
    }

    [Fact]
    public void OnlyTheSupervisorAndThePracticesOwnAdminsSeeAndChangeItsSettings()
    {
        Assert.True(Supervisor.CanChangeSettingsOf("practice-b"));
        Assert.True(AdminOfA.CanChangeSettingsOf("practice-a"));
        Assert.False(AdminOfA.CanChangeSettingsOf("practice-b"));
        Assert.False(ClinicianOfA.CanChangeSettingsOf("practice-a"));
        Assert.False(TelecomAdmin.CanChangeSettingsOf("practice-a"));
        Assert.Equal([true, true, false, false], new[] { Supervisor, AdminOfA, ClinicianOfA, TelecomAdmin }.Select(w => w.SeesSettings));
    }
}
