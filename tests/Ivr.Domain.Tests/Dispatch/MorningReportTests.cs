using Ivr.Domain.Dispatch;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Tests.Dispatch;

/// <summary>Needs nothing: when routine messages go out, in the practice's own time zone.</summary>
public sealed class MorningReportTests
{
    private static readonly Practice Practice = new()
    {
        Id = "riverside",
        Name = "Riverside Pediatrics",
        Numbers = ["15550100"],
        TimeZone = "America/New_York",
        Hours = new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
        {
            [DayOfWeek.Monday] = [new(new TimeOnly(8, 0), new TimeOnly(12, 0)), new(new TimeOnly(13, 0), new TimeOnly(17, 0))],
            [DayOfWeek.Tuesday] = [new(new TimeOnly(8, 0), new TimeOnly(17, 0))],
            [DayOfWeek.Wednesday] = [new(new TimeOnly(8, 0), new TimeOnly(17, 0))],
            [DayOfWeek.Thursday] = [new(new TimeOnly(8, 0), new TimeOnly(17, 0))],
            [DayOfWeek.Friday] = [new(new TimeOnly(8, 0), new TimeOnly(17, 0))],
        }),
        Holidays = new HolidayCalendar([], UsFederalHolidays.PresetName),
    };

    private static DateTimeOffset NewYork(int month, int day, int hour, int minute = 0) =>
        Practice.Clock().Instant(new DateTime(2026, month, day, hour, minute, 0));

    [Fact]
    public void AMessageLeftOnFridayEveningGoesOutAtMondaysOpening() =>
        Assert.Equal(NewYork(12, 7, 8), MorningReport.DueAt(Practice, NewYork(12, 4, 19, 30)));

    [Fact]
    public void AMessageLeftWhileTheOfficeIsOpenGoesOutAtOnce() =>
        Assert.Equal(NewYork(12, 7, 14), MorningReport.DueAt(Practice, NewYork(12, 7, 14)));

    [Fact]
    public void AMessageLeftAtLunchGoesOutWhenTheAfternoonOpens() =>
        Assert.Equal(NewYork(12, 7, 13), MorningReport.DueAt(Practice, NewYork(12, 7, 12, 15)));

    [Fact]
    public void TheReportSkipsAHolidayToTheNextOpenDay() =>
        // Christmas Day 2026 is a Friday: Thursday evening's messages wait for Monday.
        Assert.Equal(NewYork(12, 28, 8), MorningReport.DueAt(Practice, NewYork(12, 24, 18)));

    [Fact]
    public void TheOpeningIsLocalTimeOnBothSidesOfDaylightSaving()
    {
        // Saturday 7 March 2026 is EST (-5); Monday 9 March is EDT (-4): 08:00 local is 12:00 UTC.
        var due = MorningReport.DueAt(Practice, NewYork(3, 7, 10));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void APracticeWithNoHoursHasNoMorningReport() =>
        Assert.Null(MorningReport.DueAt(Practice with { Hours = WeeklyHours.Closed }, NewYork(12, 7, 14)));
}
