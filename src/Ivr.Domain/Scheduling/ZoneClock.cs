namespace Ivr.Domain.Scheduling;

/// <summary>
/// Converts between instants and a practice's wall clock (an IANA zone), with one rule for the two
/// daylight-saving edge cases: a wall time in the spring-forward gap happens as far past the gap as
/// it was into it (02:30 becomes 03:30), and a wall time in the fall-back overlap happens at its
/// first occurrence. Schedules, handoffs and hours all go through here.
/// </summary>
public sealed class ZoneClock
{
    public ZoneClock(string timeZoneId)
    {
        Zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        Id = timeZoneId;
    }

    public string Id { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The wall-clock time at an instant.</summary>
    public DateTime Local(DateTimeOffset instant) => DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, Zone).DateTime, DateTimeKind.Unspecified);

    /// <summary>The instant of a wall-clock time, by the gap and overlap rule above.</summary>
    public DateTimeOffset Instant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            // The offset in force before the gap carries the wall time past it.
            var before = Zone.GetUtcOffset(local.AddDays(-1));
            return new DateTimeOffset(local.Ticks - before.Ticks, TimeSpan.Zero).ToOffset(Zone.GetUtcOffset(local.AddDays(1)));
        }

        if (Zone.IsAmbiguousTime(local))
        {
            // The larger offset is the earlier instant: the first time the clock shows this time.
            var first = Zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, first);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public bool IsGap(DateTime local) => Zone.IsInvalidTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));

    public bool IsOverlap(DateTime local) => Zone.IsAmbiguousTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));

    /// <summary>An instant written in the practice's time, with its offset: <c>2026-11-22 02:10 EST (-05:00)</c>.</summary>
    public string Describe(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        return $"{local:yyyy-MM-dd HH:mm} ({local:zzz})";
    }
}
