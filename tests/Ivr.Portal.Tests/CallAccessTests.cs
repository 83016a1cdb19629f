using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;
using Ivr.Portal;
using Ivr.Portal.Accounts;
using Ivr.Portal.Calls;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests;

/// <summary>Needs a temporary SQLite file (the host runs, no Asterisk): who sees which calls, and who sees who called.</summary>
public sealed class CallAccessTests
{
    private static readonly PortalIdentity Supervisor = new(1, "sam", PortalRole.Supervisor, null, null);
    private static readonly PortalIdentity ClinicianOfA = new(2, "lee", PortalRole.Clinician, PracticeA, "dr-lee");
    private static readonly PortalIdentity TelecomAdmin = new(4, "tom", PortalRole.TelecomAdmin, null, null);

    [Fact]
    public async Task StaffSeeTheirPracticesCallsNewestFirstAndTheSupervisorEveryPractices()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 0, withRecording: false);
        await portal.SeedMessageAsync(PracticeB, Urgency.Routine, minutesAfter: 1, withRecording: false);
        await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, minutesAfter: 2, withRecording: false);
        var access = portal.Get<CallAccess>();

        var mine = await access.SearchAsync(ClinicianOfA, null, null, null);
        var all = await access.SearchAsync(Supervisor, null, null, null);

        Assert.Equal([PracticeA, PracticeA], mine.Select(c => c.PracticeId));
        Assert.True(mine[0].StartedAt > mine[1].StartedAt);
        Assert.Equal(3, all.Count);
        Assert.All(mine, c => Assert.Equal("5559876543", c.CallerId));
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(10), e => e.Action == "call.list" && e.Actor == "portal:lee");
    }

    [Fact]
    public async Task ATelecomAdminSeesEveryCallButNeverWhoCalled()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        var message = await portal.SeedMessageAsync(PracticeB, Urgency.Routine, withRecording: false);
        var callId = (await portal.Get<IMessageStore>().GetAsync(message))!.CallId;
        var access = portal.Get<CallAccess>();

        var list = await access.SearchAsync(TelecomAdmin, null, null, null);
        var one = await access.OpenAsync(TelecomAdmin, callId);

        Assert.Single(list);
        Assert.Null(list[0].CallerId);
        Assert.Equal(LookupStatus.Found, one.Status);
        Assert.Null(one.Call!.CallerId);
        Assert.Equal("after-hours", one.Call.CoverageMode);
    }

    [Fact]
    public async Task AnotherPracticesCallIsRefusedAndAudited()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        var message = await portal.SeedMessageAsync(PracticeB, Urgency.Routine, withRecording: false);
        var callId = (await portal.Get<IMessageStore>().GetAsync(message))!.CallId;

        var lookup = await portal.Get<CallAccess>().OpenAsync(ClinicianOfA, callId);

        Assert.Equal(LookupStatus.Denied, lookup.Status);
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(10), e => e.Action == "call.denied" && e.Actor == "portal:lee");
    }

    [Fact]
    public async Task ADaySearchUsesThePracticesZoneAndOutcomeNarrowsIt()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        // 2026-11-22 07:10 UTC is 02:10 in New York: the 22nd there. 2026-11-23 04:30 UTC is still the 22nd there.
        await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 0, withRecording: false);
        await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: (21 * 60) + 20, withRecording: false);
        await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 24 * 60, withRecording: false);
        var practice = await portal.Get<Ivr.Domain.Practices.IPracticeStore>().GetAsync(PracticeA);
        Assert.True(CallDay.TryParse("2026-11-22", practice, out var from, out var until));
        var access = portal.Get<CallAccess>();

        var day = await access.SearchAsync(ClinicianOfA, from, until, null);
        var taken = await access.SearchAsync(ClinicianOfA, from, until, "message-taken");
        var none = await access.SearchAsync(ClinicianOfA, from, until, "connected");

        Assert.Equal(2, day.Count);
        Assert.Equal(2, taken.Count);
        Assert.Empty(none);
        Assert.False(CallDay.TryParse("22/11/2026", practice, out _, out _));
    }
}
