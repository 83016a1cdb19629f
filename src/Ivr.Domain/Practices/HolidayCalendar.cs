namespace Ivr.Domain.Practices;

/// <summary>A practice's holidays: its own dates plus an optional preset (<see cref="UsFederalHolidays"/>).</summary>
public sealed record HolidayCalendar(IReadOnlyList<Holiday> Dates, string? Preset)
{
    public static HolidayCalendar None { get; } = new([], null);

    /// <summary>The holiday on a local date, the practice's own dates first.</summary>
    public Holiday? On(DateOnly date) =>
        Dates.FirstOrDefault(h => h.Date == date)
        ?? (Preset == UsFederalHolidays.PresetName
            ? UsFederalHolidays.For(date.Year).Concat(UsFederalHolidays.For(date.Year + 1)).FirstOrDefault(h => h.Date == date)
            : null);

    /// <summary>Every holiday between two local dates, inclusive.</summary>
    public IEnumerable<Holiday> Between(DateOnly first, DateOnly last)
    {
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (On(date) is { } holiday)
            {
                yield return holiday;
            }
        }
    }
}
