using System.Globalization;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;

namespace Ivr.Portal;

/// <summary>How the pages write times, lengths and states.</summary>
public static class PortalFormat
{
    /// <summary>A time in the practice's own zone (what its staff read by), with the offset; UTC when the practice is unknown.</summary>
    public static string When(DateTimeOffset at, Practice? practice) =>
        practice is null ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : practice.Clock().Describe(at);

    /// <summary>The time of day to the second in the practice's zone, for timelines where seconds matter.</summary>
    public static string TimeOfDay(DateTimeOffset at, Practice? practice) => TimeOfDay(at, practice?.TimeZone);

    /// <summary>The time of day to the second in the zone <paramref name="timeZone"/> names; UTC when none.</summary>
    public static string TimeOfDay(DateTimeOffset at, string? timeZone) =>
        (timeZone is null ? at.ToUniversalTime() : TimeZoneInfo.ConvertTime(at, new ZoneClock(timeZone).Zone)).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Length(double seconds) =>
        seconds < 60 ? $"{seconds:0} s" : $"{(int)seconds / 60} min {(int)seconds % 60:00} s";

    /// <summary>The CSS class of a status badge.</summary>
    public static string StatusClass(MessageStatus status) => "badge status-" + status.ToString().ToLowerInvariant();
}
