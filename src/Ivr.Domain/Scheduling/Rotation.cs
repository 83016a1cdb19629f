namespace Ivr.Domain.Scheduling;

/// <summary>
/// Members take turns on one layer, handing off at a local time every day or every week on a
/// weekday. The first handoff is at <see cref="Start"/> (weekly: the first handoff weekday on or
/// after it), when <c>Members[0]</c> goes on call; before it the rotation covers nothing.
/// </summary>
public sealed record Rotation(string Name, int Layer, RotationPeriod Period, TimeOnly Handoff, DayOfWeek HandoffDay, DateOnly Start, IReadOnlyList<string> Members)
{
    private int PeriodDays => Period == RotationPeriod.Daily ? 1 : 7;

    /// <summary>The local date of the first handoff.</summary>
    public DateOnly FirstHandoffDate =>
        Period == RotationPeriod.Daily ? Start : Start.AddDays(((int)HandoffDay - (int)Start.DayOfWeek + 7) % 7);

    /// <summary>Who this rotation puts on call at an instant, and the shift's bounds; null before it starts.</summary>
    public OnCallAssignment? At(ZoneClock clock, DateTimeOffset instant)
    {
        if (Members.Count == 0)
        {
            return null;
        }

        var local = clock.Local(instant);
        var date = DateOnly.FromDateTime(local);
        if (Period == RotationPeriod.Weekly)
        {
            date = date.AddDays(-(((int)date.DayOfWeek - (int)HandoffDay + 7) % 7));
        }

        if (HandoffInstant(clock, date) > instant)
        {
            date = date.AddDays(-PeriodDays);
        }

        if (date < FirstHandoffDate)
        {
            return null;
        }

        var shift = (date.DayNumber - FirstHandoffDate.DayNumber) / PeriodDays;
        var member = Members[shift % Members.Count];
        return new OnCallAssignment(
            Layer,
            member,
            HandoffInstant(clock, date),
            HandoffInstant(clock, date.AddDays(PeriodDays)),
            $"rotation '{Name}' shift {shift + 1}",
            null);
    }

    /// <summary>Every handoff's local wall time whose date falls between two local dates, inclusive.</summary>
    public IEnumerable<DateTime> HandoffsBetween(DateOnly first, DateOnly last)
    {
        for (var date = FirstHandoffDate; date <= last; date = date.AddDays(PeriodDays))
        {
            if (date >= first)
            {
                yield return date.ToDateTime(Handoff);
            }
        }
    }

    /// <summary>The first handoff instant strictly after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextHandoff(ZoneClock clock, DateTimeOffset instant) =>
        At(clock, instant)?.Until ?? HandoffInstant(clock, FirstHandoffDate);

    private DateTimeOffset HandoffInstant(ZoneClock clock, DateOnly date) => clock.Instant(date.ToDateTime(Handoff));
}
