using System.Globalization;
using Ivr.Domain.Scheduling;

namespace Ivr.Portal.OnCall;

/// <summary>
/// Cuts a schedule into the practice's local days for the week and month tables: weeks run Monday
/// to Sunday; a month shows whole weeks, the days of the neighbouring months marked.
/// </summary>
public sealed class CalendarGrid
{
    private CalendarGrid(IReadOnlyList<int> layers, IReadOnlyList<CalendarDay> days)
    {
        Layers = layers;
        Days = days;
    }

    public IReadOnlyList<int> Layers { get; }

    public IReadOnlyList<CalendarDay> Days { get; }

    public IEnumerable<IReadOnlyList<CalendarDay>> Weeks => Days.Chunk(7);

    /// <summary>The first and last local dates (inclusive) a week or month view shows around <paramref name="date"/>.</summary>
    public static (DateOnly First, DateOnly Last) Window(DateOnly date, bool month)
    {
        if (!month)
        {
            var monday = Monday(date);
            return (monday, monday.AddDays(6));
        }

        var first = new DateOnly(date.Year, date.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        return (Monday(first), Monday(last).AddDays(6));
    }

    public static CalendarGrid Build(OnCallSchedule schedule, DateOnly first, DateOnly last, int? month)
    {
        var clock = schedule.Practice.Clock();
        var layers = OnCallTimeline.LayersOf(schedule);
        var from = clock.Instant(first.ToDateTime(TimeOnly.MinValue));
        var until = clock.Instant(last.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var segments = layers.ToDictionary(l => l, l => OnCallTimeline.Segments(schedule, l, from, until));
        var days = new List<CalendarDay>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var dayStart = clock.Instant(date.ToDateTime(TimeOnly.MinValue));
            var dayEnd = clock.Instant(date.AddDays(1).ToDateTime(TimeOnly.MinValue));
            var cells = layers.ToDictionary(l => l, l => (IReadOnlyList<CalendarCell>)segments[l]
                .Where(s => s.From < dayEnd && s.Until > dayStart)
                .Select(s => new CalendarCell(
                    l,
                    s.From <= dayStart ? "00:00" : Wall(clock, s.From),
                    s.Until >= dayEnd ? "24:00" : Wall(clock, s.Until),
                    s.ClinicianId,
                    s.OverrideId))
                .ToArray());
            days.Add(new CalendarDay(date, month is null || date.Month == month, cells));
        }

        return new CalendarGrid(layers, days);
    }

    private static string Wall(ZoneClock clock, DateTimeOffset instant) => clock.Local(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static DateOnly Monday(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
