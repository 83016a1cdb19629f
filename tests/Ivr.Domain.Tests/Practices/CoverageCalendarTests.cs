using Ivr.Domain.Practices;
using static Ivr.Domain.Tests.Support.Practices;

namespace Ivr.Domain.Tests.Practices;

/// <summary>Needs nothing: which of office or service takes a call, by mode, hours, holidays and closures.</summary>
public sealed class CoverageCalendarTests
{
    [Fact]
    public void AHolidayOnASaturdayIsObservedOnFridayAndTheServiceAnswers()
    {
        // 2026-07-04 is a Saturday; Friday 07-03 10:00 EDT would otherwise be business hours.
        var decision = CoverageCalendar.Decide(NewYork(), Utc(2026, 7, 3, 14));

        Assert.False(decision.OfficeFirst);
        Assert.Equal("holiday: Independence Day (observed)", decision.Reason);
        Assert.Equal("holiday: Independence Day", CoverageCalendar.Decide(NewYork(), Utc(2026, 7, 4, 14)).Reason);
        Assert.True(CoverageCalendar.Decide(NewYork(), Utc(2026, 7, 6, 14)).OfficeFirst);
    }

    [Fact]
    public void TheFederalPresetHasTheFloatingHolidaysOfTheYear()
    {
        var holidays = UsFederalHolidays.For(2026).ToDictionary(h => h.Name, h => h.Date);

        Assert.Equal(new DateOnly(2026, 1, 19), holidays["Birthday of Martin Luther King, Jr."]);
        Assert.Equal(new DateOnly(2026, 5, 25), holidays["Memorial Day"]);
        Assert.Equal(new DateOnly(2026, 11, 26), holidays["Thanksgiving Day"]);
        Assert.Equal(new DateOnly(2026, 10, 12), holidays["Columbus Day"]);
        Assert.Equal(12, holidays.Count); // eleven, plus Independence Day observed on Friday 07-03
    }

    [Fact]
    public void OverflowRingsTheOfficeInHoursAndTheServiceAnswersAfterHours()
    {
        var practice = NewYork() with { Coverage = CoverageMode.Overflow };

        var inHours = CoverageCalendar.Decide(practice, Utc(2026, 11, 23, 15));
        var evening = CoverageCalendar.Decide(practice, Utc(2026, 11, 23, 23));

        Assert.Equal(practice.Office, inHours.Office);
        Assert.Contains("overflow", inHours.Reason);
        Assert.Null(evening.Office);
        Assert.Equal("after hours (Mon 18:00 local)", evening.Reason);
    }

    [Fact]
    public void AClosureAnd24x7CoverageMeanTheServiceAnswersInHours()
    {
        var closed = NewYork() with { Closures = [new Closure(new DateTime(2026, 11, 23, 12, 0, 0), new DateTime(2026, 11, 24, 0, 0, 0), "snow day")] };
        var always = NewYork() with { Coverage = CoverageMode.AlwaysOn };

        Assert.StartsWith("closure: snow day", CoverageCalendar.Decide(closed, Utc(2026, 11, 23, 18)).Reason);
        Assert.True(CoverageCalendar.Decide(closed, Utc(2026, 11, 23, 15)).OfficeFirst);
        Assert.False(CoverageCalendar.Decide(always, Utc(2026, 11, 23, 15)).OfficeFirst);
    }
}
