using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Portal.OnCall;

namespace Ivr.Portal.Tests.OnCall;

/// <summary>Needs nothing: a clinician's feed events merge contiguous shifts and name the practice and layer.</summary>
public sealed class ClinicianCalendarTests
{
    private static readonly Practice Riverside = new()
    {
        Id = "riverside",
        Name = "Riverside Pediatrics",
        TimeZone = "America/New_York",
        Numbers = ["15550100"],
        Clinicians = [new Clinician("dr-lee", "Dr. Amy Lee", ClinicianRole.Physician, []), new Clinician("dr-patel", "Dr. Raj Patel", ClinicianRole.Physician, [])],
        Rotations = [new Rotation("physicians", Layers.Primary, RotationPeriod.Daily, new TimeOnly(8, 0), DayOfWeek.Monday, new DateOnly(2026, 11, 1), ["dr-lee", "dr-patel"])],
    };

    [Fact]
    public void AnOverrideContinuingTheClinicansOwnShiftMakesOneEventInUtc()
    {
        // Dr. Lee is on 2026-11-21 08:00 to 11-22 08:00 (EST); an override keeps her on until noon.
        var extension = new OnCallOverride(7, "riverside", Layers.Primary, "dr-lee", At(22, 13), At(22, 17), "swap", "ann", At(1, 0));
        var schedule = new OnCallSchedule(Riverside, [extension]);

        var events = ClinicianCalendar.Events(schedule, "dr-lee", At(21, 0), At(23, 0));

        var shift = Assert.Single(events);
        Assert.Equal(At(21, 13), shift.From);
        Assert.Equal(At(22, 17), shift.Until);
        Assert.Equal("On call: Riverside Pediatrics (primary)", shift.Summary);
        Assert.DoesNotContain("override", shift.Description, StringComparison.OrdinalIgnoreCase);
    }

    private static DateTimeOffset At(int day, int hourUtc) => new(2026, 11, day, hourUtc, 0, 0, TimeSpan.Zero);
}
