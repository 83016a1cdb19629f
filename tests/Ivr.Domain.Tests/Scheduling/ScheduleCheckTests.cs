using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using static Ivr.Domain.Tests.Support.Practices;

namespace Ivr.Domain.Tests.Scheduling;

/// <summary>Needs nothing: the gap check finds what it should, and nothing on a sound schedule.</summary>
public sealed class ScheduleCheckTests
{
    [Fact]
    public void ASoundScheduleHasNoFindings()
    {
        var from = Utc(2026, 11, 22, 0);

        Assert.Empty(ScheduleCheck.Run(new OnCallSchedule(NewYork(), []), from, from.AddDays(28)));
    }

    [Fact]
    public void GapsUncoveredHolidaysAndUnverifiedMembersAreFoundAndAnOverrideClosesTheGap()
    {
        // The rotation starts Monday 2026-11-30 08:00; Thanksgiving (11-26) falls in the gap before it.
        var practice = NewYork(Weekly("physicians", Layers.Primary, "dr-lee", "dr-cho") with { Start = new DateOnly(2026, 11, 30) }) with
        {
            Clinicians = [Doctor("dr-lee"), Doctor("dr-cho", verified: false)],
        };
        var from = Utc(2026, 11, 22, 5);

        var findings = ScheduleCheck.Run(new OnCallSchedule(practice, []), from, from.AddDays(14));

        var gap = Assert.Single(findings, f => f.Kind == FindingKind.NoPrimary);
        Assert.Equal(from, gap.From);
        Assert.Equal(Utc(2026, 11, 30, 13), gap.Until);
        Assert.Contains(findings, f => f.Kind == FindingKind.HolidayUncovered && f.Message.Contains("Thanksgiving Day"));
        Assert.Contains(findings, f => f.Kind == FindingKind.NoVerifiedContact && f.Message.Contains("dr-cho"));

        var cover = new OnCallOverride(1, practice.Id, Layers.Primary, "dr-lee", from, Utc(2026, 11, 30, 13), "cover until the rotation starts", "alice", from);
        var after = ScheduleCheck.Run(new OnCallSchedule(practice, [cover]), from, from.AddDays(14));
        Assert.DoesNotContain(after, f => f.Kind is FindingKind.NoPrimary or FindingKind.HolidayUncovered);
    }

    [Fact]
    public void HandoffsOnDaylightSavingEdgesAreReported()
    {
        var practice = NewYork(Daily("nights", Layers.Primary, new TimeOnly(2, 30), "dr-lee", "dr-patel"), Daily("late", Layers.Backup, new TimeOnly(1, 30), "dr-cho"));

        var spring = ScheduleCheck.Run(new OnCallSchedule(practice, []), Utc(2027, 3, 13, 0), Utc(2027, 3, 16, 0));
        var fall = ScheduleCheck.Run(new OnCallSchedule(practice, []), Utc(2026, 10, 31, 0), Utc(2026, 11, 3, 0));

        var gap = Assert.Single(spring, f => f.Kind == FindingKind.HandoffInGap);
        Assert.Contains("2027-03-14 02:30", gap.Message);
        Assert.Contains("2027-03-14 03:30 (-04:00)", gap.Message);
        var overlap = Assert.Single(fall, f => f.Kind == FindingKind.HandoffInOverlap);
        Assert.Contains("2026-11-01 01:30 (-04:00)", overlap.Message);
    }
}
