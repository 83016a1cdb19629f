using System.Globalization;
using Ivr.Domain.Scheduling;

namespace Ivr.Portal.OnCall;

/// <summary>Reads and writes the <c>datetime-local</c> values of the portal's forms (overrides, closures), in the practice's wall time.</summary>
public static class LocalTimes
{
    private static readonly string[] _formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    public static bool TryRead(ZoneClock clock, string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParseExact(text.Trim(), _formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        instant = clock.Instant(local);
        return true;
    }

    public static string Write(ZoneClock clock, DateTimeOffset instant) => Write(clock.Local(instant));

    /// <summary>A wall time already local to the practice, as <c>2026-12-31T12:00</c>.</summary>
    public static string Write(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
