using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Portal;
using Ivr.Portal.Accounts;
using Ivr.Portal.OnCall;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.OnCall;

/// <summary>
/// Needs a temporary SQLite file (the host runs, no Asterisk): who may see and change which
/// practice's schedule, that refusals are audited, and that an override fills a gap the check found.
/// </summary>
public sealed class OnCallAccessTests
{
    private static readonly PortalIdentity Supervisor = new(1, "sam", PortalRole.Supervisor, null, null);
    private static readonly PortalIdentity ClinicianOfA = new(2, "lee", PortalRole.Clinician, PracticeA, "dr-lee");
    private static readonly PortalIdentity AdminOfA = new(3, "ann", PortalRole.PracticeAdmin, PracticeA, null);
    private static readonly PortalIdentity AdminOfB = new(4, "bob", PortalRole.PracticeAdmin, PracticeB, null);
    private static readonly PortalIdentity TelecomAdmin = new(5, "tom", PortalRole.TelecomAdmin, null, null);

    [Fact]
    public async Task ClinicianAndAdminSeeTheirOwnPracticeTheSupervisorEveryOneAndOthersAreRefusedWithAnAuditEntry()
    {
        await using var portal = await StartAsync();
        var access = portal.Get<OnCallAccess>();

        Assert.Equal(LookupStatus.Found, (await access.OpenAsync(ClinicianOfA, PracticeA)).Status);
        Assert.Equal(LookupStatus.Found, (await access.OpenAsync(AdminOfA, PracticeA)).Status);
        Assert.Equal(LookupStatus.Found, (await access.OpenAsync(Supervisor, PracticeB)).Status);
        Assert.Equal(LookupStatus.Denied, (await access.OpenAsync(ClinicianOfA, PracticeB)).Status);
        Assert.Equal(LookupStatus.Denied, (await access.OpenAsync(TelecomAdmin, PracticeA)).Status);
        Assert.Equal(LookupStatus.NotFound, (await access.OpenAsync(Supervisor, "no-such-practice")).Status);

        var denied = (await portal.Get<IAuditLog>().ListAsync(20)).Where(e => e.Action == "oncall.denied").ToArray();
        Assert.Equal(2, denied.Length);
        Assert.Contains(denied, e => e.Actor == "portal:lee" && e.SubjectId == PracticeB);
    }

    [Fact]
    public async Task OnlyTheSupervisorAndThePracticesAdminsMayAddOverrides()
    {
        await using var portal = await StartAsync();
        var access = portal.Get<OnCallAccess>();
        var request = Cover(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8));

        var byClinician = await access.AddOverrideAsync(ClinicianOfA, PracticeA, request);
        var byOtherAdmin = await access.AddOverrideAsync(AdminOfB, PracticeA, request);
        var byAdmin = await access.AddOverrideAsync(AdminOfA, PracticeA, request);
        var bySupervisor = await access.AddOverrideAsync(Supervisor, PracticeA, request);

        Assert.Equal(OverrideStatus.Denied, byClinician.Status);
        Assert.Equal(OverrideStatus.Denied, byOtherAdmin.Status);
        Assert.Equal(OverrideStatus.Done, byAdmin.Status);
        Assert.Equal(OverrideStatus.Done, bySupervisor.Status);
        var stored = await portal.Get<IPracticeStore>().OverridesAsync(PracticeA, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal(["ann", "sam"], stored.Select(o => o.SetBy));
        var audit = await portal.Get<IAuditLog>().ListAsync(20);
        Assert.Equal(2, audit.Count(e => e.Action == "oncall.denied"));
        Assert.Equal(2, audit.Count(e => e.Action == "oncall.override.add"));
    }

    [Fact]
    public async Task AnAdminCannotCancelAnotherPracticesOverrideByItsNumber()
    {
        await using var portal = await StartAsync();
        var access = portal.Get<OnCallAccess>();
        var theirs = (await access.AddOverrideAsync(Supervisor, PracticeB, Cover(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8), "dr-kahale"))).Id!.Value;

        var throughOwnPractice = await access.CancelOverrideAsync(AdminOfA, PracticeA, theirs);
        var throughTheirs = await access.CancelOverrideAsync(AdminOfA, PracticeB, theirs);
        var byTheirAdmin = await access.CancelOverrideAsync(AdminOfB, PracticeB, theirs);

        Assert.Equal(OverrideStatus.NotFound, throughOwnPractice.Status);
        Assert.Equal(OverrideStatus.Denied, throughTheirs.Status);
        Assert.Equal(OverrideStatus.Done, byTheirAdmin.Status);
    }

    [Fact]
    public async Task NonsenseOverridesAreRefusedWithAReasonAndNothingStored()
    {
        await using var portal = await StartAsync();
        var access = portal.Get<OnCallAccess>();
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(OverrideStatus.Invalid, (await access.AddOverrideAsync(AdminOfA, PracticeA, Cover(now.AddHours(2), now.AddHours(1)))).Status);
        Assert.Equal(OverrideStatus.Invalid, (await access.AddOverrideAsync(AdminOfA, PracticeA, Cover(now, now.AddHours(1), "dr-kahale"))).Status);
        Assert.Equal(OverrideStatus.Invalid, (await access.AddOverrideAsync(AdminOfA, PracticeA, Cover(now, now.AddHours(1)) with { Reason = " " })).Status);
        Assert.Empty(await portal.Get<IPracticeStore>().OverridesAsync(PracticeA, now.AddDays(-1), now.AddDays(1)));
    }

    [Fact]
    public async Task AnOverrideCoveringTheGapClearsTheScheduleChecksWarning()
    {
        await using var portal = await StartAsync();
        var access = portal.Get<OnCallAccess>();
        var practice = (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!;
        var now = DateTimeOffset.UtcNow;

        var before = await access.CheckAsync(practice);
        await access.AddOverrideAsync(AdminOfA, PracticeA, Cover(now.AddMinutes(-1), now + OnCallAccess.CheckAhead + TimeSpan.FromDays(1)));
        var after = await access.CheckAsync(practice);

        Assert.Contains(before, f => f.Kind == FindingKind.NoPrimary);
        Assert.DoesNotContain(after, f => f.Kind == FindingKind.NoPrimary);
    }

    [Fact]
    public async Task TheFeedIsMadeOnceForTheClinicianOrAnAdminRegeneratingRevokesTheOldTokenAndOthersAreRefused()
    {
        await using var portal = await StartAsync();
        var access = portal.Get<OnCallAccess>();
        var practice = (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!;

        var first = await access.FeedAsync(ClinicianOfA, practice, "dr-lee", regenerate: false);
        var again = await access.FeedAsync(AdminOfA, practice, "dr-lee", regenerate: false);
        var colleagues = await access.FeedAsync(ClinicianOfA, practice, "dr-patel", regenerate: false);
        var renewed = await access.FeedAsync(ClinicianOfA, practice, "dr-lee", regenerate: true);

        Assert.NotNull(first);
        Assert.True(first.Token.Length >= 43);
        Assert.Equal(first.Token, again!.Token);
        Assert.Null(colleagues);
        Assert.NotEqual(first.Token, renewed!.Token);
        var feeds = portal.Get<ICalendarFeedStore>();
        Assert.Null(await feeds.FindAsync(first.Token));
        Assert.Equal("dr-lee", (await feeds.FindAsync(renewed.Token))!.ClinicianId);
    }

    private static async Task<PortalUnderTest> StartAsync()
    {
        var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        return portal;
    }

    private static OverrideRequest Cover(DateTimeOffset from, DateTimeOffset until, string clinicianId = "dr-patel") =>
        new(Layers.Primary, clinicianId, from, until, "vacation");
}
