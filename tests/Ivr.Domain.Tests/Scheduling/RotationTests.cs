using Ivr.Domain.Scheduling;
using static Ivr.Domain.Tests.Support.Practices;

namespace Ivr.Domain.Tests.Scheduling;

/// <summary>Needs nothing: rotations across daylight-saving changes, in the practice's zone.</summary>
public sealed class RotationTests
{
    private static readonly ZoneClock NewYorkClock = new("America/New_York");

    [Fact]
    public void AHandoffInTheSpringForwardGapHappensAsFarPastTheGap()
    {
        // 2027-03-14: clocks jump from 02:00 EST to 03:00 EDT, so 02:30 never happens; the handoff is at 03:30 EDT (07:30Z).
        var rotation = Daily("nights", Layers.Primary, new TimeOnly(2, 30), "dr-lee", "dr-patel");

        var before = rotation.At(NewYorkClock, Utc(2027, 3, 14, 7, 29))!;
        var after = rotation.At(NewYorkClock, Utc(2027, 3, 14, 7, 30))!;

        Assert.Equal("dr-lee", before.ClinicianId);
        Assert.Equal("dr-patel", after.ClinicianId);
        Assert.Equal(Utc(2027, 3, 14, 7, 30), before.Until);
        Assert.Equal(TimeSpan.FromHours(-4), after.From.Offset);
        Assert.Equal(new DateTime(2027, 3, 14, 3, 30, 0), NewYorkClock.Local(after.From));
    }

    [Fact]
    public void AHandoffInTheFallBackOverlapHappensOnceAtTheFirstOccurrence()
    {
        // 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST); the handoff is the first.
        var rotation = Daily("nights", Layers.Primary, new TimeOnly(1, 30), "dr-lee", "dr-patel");

        var before = rotation.At(NewYorkClock, Utc(2026, 11, 1, 5, 29))!;
        var after = rotation.At(NewYorkClock, Utc(2026, 11, 1, 5, 30))!;
        var secondOneThirty = rotation.At(NewYorkClock, Utc(2026, 11, 1, 6, 30))!;

        Assert.Equal("dr-patel", before.ClinicianId);
        Assert.Equal("dr-lee", after.ClinicianId);
        Assert.Equal(after, secondOneThirty);
        Assert.Equal(TimeSpan.FromHours(25), after.Until - after.From);
    }

    [Fact]
    public void AWeeklyHandoffStaysAtItsLocalTimeAcrossTheChange()
    {
        var rotation = Weekly("physicians", Layers.Primary, "dr-lee", "dr-patel");

        var october = rotation.At(NewYorkClock, Utc(2026, 10, 28, 12))!;
        var november = rotation.At(NewYorkClock, Utc(2026, 11, 4, 12))!;

        Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(NewYorkClock.Local(october.From)));
        Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(NewYorkClock.Local(november.From)));
        Assert.Equal(TimeSpan.FromHours((7 * 24) + 1), november.From - october.From);
        Assert.NotEqual(october.ClinicianId, november.ClinicianId);
    }

    [Fact]
    public void NobodyIsOnCallBeforeTheFirstHandoff()
    {
        var rotation = Daily("nights", Layers.Primary, new TimeOnly(8, 0), "dr-lee") with { Start = new DateOnly(2026, 12, 1) };

        Assert.Null(rotation.At(NewYorkClock, Utc(2026, 12, 1, 12)));
        Assert.Equal("dr-lee", rotation.At(NewYorkClock, Utc(2026, 12, 1, 13))!.ClinicianId);
    }
}
