namespace Ivr.Domain.Practices;

/// <summary>
/// The eleven US federal holidays (5 U.S.C. 6103). A fixed-date holiday on a Saturday is observed the
/// Friday before and on a Sunday the Monday after; the office is treated as closed on both the day
/// itself and the observed day, since patients call on either.
/// </summary>
public static class UsFederalHolidays
{
    public const string PresetName = "us-federal";

    public static IEnumerable<Holiday> For(int year)
    {
        foreach (var (date, name) in Fixed(year))
        {
            yield return new Holiday(date, name);
            var observed = date.DayOfWeek switch
            {
                DayOfWeek.Saturday => date.AddDays(-1),
                DayOfWeek.Sunday => date.AddDays(1),
                _ => date,
            };
            if (observed != date)
            {
                yield return new Holiday(observed, name + " (observed)");
            }
        }

        yield return new Holiday(Nth(year, 1, DayOfWeek.Monday, 3), "Birthday of Martin Luther King, Jr.");
        yield return new Holiday(Nth(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday");
        yield return new Holiday(Last(year, 5, DayOfWeek.Monday), "Memorial Day");
        yield return new Holiday(Nth(year, 9, DayOfWeek.Monday, 1), "Labor Day");
        yield return new Holiday(Nth(year, 10, DayOfWeek.Monday, 2), "Columbus Day");
        yield return new Holiday(Nth(year, 11, DayOfWeek.Thursday, 4), "Thanksgiving Day");
    }

    private static IEnumerable<(DateOnly Date, string Name)> Fixed(int year) =>
    [
        (new DateOnly(year, 1, 1), "New Year's Day"),
        (new DateOnly(year, 6, 19), "Juneteenth National Independence Day"),
        (new DateOnly(year, 7, 4), "Independence Day"),
        (new DateOnly(year, 11, 11), "Veterans Day"),
        (new DateOnly(year, 12, 25), "Christmas Day"),
    ];

    private static DateOnly Nth(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays((((int)day - (int)first.DayOfWeek + 7) % 7) + (7 * (n - 1)));
    }

    private static DateOnly Last(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
    }
}
