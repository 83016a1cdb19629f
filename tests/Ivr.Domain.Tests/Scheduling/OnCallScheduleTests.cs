using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using static Ivr.Domain.Tests.Support.Practices;

namespace Ivr.Domain.Tests.Scheduling;

/// <summary>Needs nothing: who is on call, overrides and their precedence, and the chain built from it.</summary>
public sealed class OnCallScheduleTests
{
    private static OnCallOverride Override(long id, string clinician, DateTimeOffset from, DateTimeOffset until, DateTimeOffset setAt, int layer = Layers.Primary) =>
        new(id, "riverside-pediatrics", layer, clinician, from, until, "swap", "alice", setAt);

    [Fact]
    public void OfOverlappingOverridesTheOneSetLastWinsAndTheRotationResumesAfterBoth()
    {
        var day = Utc(2026, 12, 2, 5);
        var older = Override(1, "dr-patel", day, day.AddHours(12), setAt: Utc(2026, 11, 1, 0));
        var newer = Override(2, "dr-cho", day.AddHours(6), day.AddHours(9), setAt: Utc(2026, 11, 2, 0));
        var schedule = new OnCallSchedule(NewYork(), [newer, older]);

        Assert.Equal("dr-patel", schedule.OnLayer(Layers.Primary, day.AddHours(5))!.ClinicianId);
        Assert.Equal("dr-cho", schedule.OnLayer(Layers.Primary, day.AddHours(7))!.ClinicianId);
        Assert.Equal(2, schedule.OnLayer(Layers.Primary, day.AddHours(7))!.OverrideId);
        Assert.Equal("dr-patel", schedule.OnLayer(Layers.Primary, day.AddHours(10))!.ClinicianId);
        Assert.Null(schedule.OnLayer(Layers.Primary, day.AddHours(13))!.OverrideId);
    }

    [Fact]
    public void TheChainRingsEachLayerInOrderOnceAndEndsWithTheSupervisor()
    {
        var practice = NewYork(Weekly("physicians", Layers.Primary, "dr-lee"), Weekly("backup", Layers.Backup, "dr-lee", "dr-patel"));
        var at = Utc(2026, 11, 24, 3);
        var schedule = new OnCallSchedule(practice, []);

        var chain = OnCallChain.Build(schedule, at, Supervisor, c => c.Address);

        Assert.Equal(["dr-lee", "supervisor"], chain.Select(c => c.ClinicianId));
        Assert.Contains("primary: rotation 'physicians'", chain[0].Reason);
        Assert.Equal("PJSIP/dr-lee", chain[0].DialString);
    }

    [Fact]
    public void APracticeWithNobodyOnCallReachesTheSupervisor()
    {
        var practice = NewYork() with { Rotations = [] };

        var chain = OnCallChain.Build(new OnCallSchedule(practice, []), Utc(2026, 11, 24, 3), Supervisor, c => c.Address);

        var only = Assert.Single(chain);
        Assert.Equal("supervisor", only.ClinicianId);
        Assert.Contains("nobody is on call", only.Reason);
    }

    [Fact]
    public void UnverifiedContactsAreRungOnlyWhenNoneIsVerifiedAndSayingSo()
    {
        var lee = new Clinician("dr-lee", "Dr. Lee", ClinicianRole.Physician,
        [
            new ContactMethod(ContactKind.Phone, "5550001111", Verified: false),
            new ContactMethod(ContactKind.Email, "lee@example.org", Verified: true),
        ]);
        var practice = NewYork(Weekly("physicians", Layers.Primary, "dr-lee")) with { Clinicians = [lee] };

        var chain = OnCallChain.Build(new OnCallSchedule(practice, []), Utc(2026, 11, 24, 3), Supervisor, c => $"PJSIP/{c.Address}@trunk");

        Assert.Equal("PJSIP/5550001111@trunk", chain[0].DialString);
        Assert.Contains("unverified", chain[0].Reason);
    }

    [Fact]
    public void TwoPracticesInDifferentZonesAtTheSameInstant()
    {
        // 15:00Z on Monday 2026-11-23 is 10:00 in New York (open) and 05:00 in Honolulu (closed).
        var at = Utc(2026, 11, 23, 15);
        var newYork = NewYork();
        var honolulu = Honolulu();

        var newYorkCoverage = CoverageCalendar.Decide(newYork, at);
        var honoluluCoverage = CoverageCalendar.Decide(honolulu, at);
        var honoluluOnCall = new OnCallSchedule(honolulu, []).OnLayer(Layers.Primary, at)!;

        Assert.True(newYorkCoverage.OfficeFirst);
        Assert.StartsWith("business hours Mon 08:00-17:00", newYorkCoverage.Reason);
        Assert.False(honoluluCoverage.OfficeFirst);
        Assert.Equal("after hours (Mon 05:00 local)", honoluluCoverage.Reason);
        // Honolulu hands off at 07:00 local: at 05:00 the shift that began Sunday 07:00 is still on.
        Assert.Equal(new DateTime(2026, 11, 22, 7, 0, 0), honolulu.Clock().Local(honoluluOnCall.From));
    }
}
