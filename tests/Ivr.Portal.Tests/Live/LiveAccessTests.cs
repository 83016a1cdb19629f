using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Telephony.Live;
using Ivr.Portal;
using Ivr.Portal.Accounts;
using Ivr.Portal.Live;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Live;

/// <summary>Needs a temporary SQLite file (the host runs, no Asterisk): who sees which calls in progress, and how much of the caller.</summary>
public sealed class LiveAccessTests
{
    private static readonly PortalIdentity Supervisor = new(1, "sam", PortalRole.Supervisor, null, null);
    private static readonly PortalIdentity AdminOfA = new(2, "pia", PortalRole.PracticeAdmin, PracticeA, null);
    private static readonly PortalIdentity ClinicianOfA = new(3, "lee", PortalRole.Clinician, PracticeA, "dr-lee");
    private static readonly PortalIdentity TelecomAdmin = new(4, "tom", PortalRole.TelecomAdmin, null, null);

    [Fact]
    public async Task SupervisorsSeeEveryPracticeAPracticeAdminTheirsATelecomAdminNoCallerAndAClinicianIsRefused()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        var tracker = portal.Get<LiveCallTracker>();
        tracker.Started(Session("1795360542.1", PracticeA, "5551234567"));
        tracker.Started(Session("1795360542.2", PracticeB, "5559876543"));
        var access = portal.Get<LiveAccess>();

        var all = await access.OpenAsync(Supervisor, "live.view");
        var mine = await access.OpenAsync(AdminOfA, "live.view");
        var telecom = await access.OpenAsync(TelecomAdmin, "live.stream");
        var refused = await access.OpenAsync(ClinicianOfA, "live.view");

        Assert.Equal([PracticeA, PracticeB], all.Snapshot!.Calls.Select(c => c.PracticeId));
        Assert.Equal(["···4567", "···6543"], all.Snapshot.Calls.Select(c => c.Caller));
        Assert.Equal([PracticeA], mine.Snapshot!.Calls.Select(c => c.PracticeId));
        Assert.Equal(2, telecom.Snapshot!.Calls.Count);
        Assert.All(telecom.Snapshot.Calls, c => Assert.Null(c.Caller));
        Assert.Equal(LookupStatus.Denied, refused.Status);
        Assert.Null(refused.Snapshot);
        var audit = await portal.Get<IAuditLog>().ListAsync(10);
        Assert.Contains(audit, e => e.Action == "live.view" && e.Actor == "portal:sam" && e.SubjectId == "*");
        Assert.Contains(audit, e => e.Action == "live.view" && e.Actor == "portal:pia" && e.SubjectId == PracticeA);
        Assert.Contains(audit, e => e.Action == "live.stream" && e.Actor == "portal:tom");
        Assert.Contains(audit, e => e.Action == "live.denied" && e.Actor == "portal:lee");
    }

    [Fact]
    public void ACallTheServiceHasNoSessionForIsShownOnlyToUsersOfEveryPractice()
    {
        var tracker = new LiveCallTracker(TimeProvider.System);
        tracker.Resynchronise(tracker.Mark(), []);
        tracker.Apply(AmiEvents.Newchannel("1795360542.3", "PJSIP/trunk-00000003", callerNumber: "5551112222"));

        Assert.Single(LiveAccess.View(Supervisor, tracker.Snapshot()).Calls);
        Assert.Single(LiveAccess.View(TelecomAdmin, tracker.Snapshot()).Calls);
        Assert.Empty(LiveAccess.View(AdminOfA, tracker.Snapshot()).Calls);
    }

    private static CallSession Session(string uniqueId, string practiceId, string caller) =>
        new(1, uniqueId, new PracticeProfile(practiceId, practiceId, "greeting", string.Empty, "UTC"), "15550100", caller);
}
