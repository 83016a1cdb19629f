using System.Globalization;
using Ivr.Domain.Scheduling;

namespace Ivr.Server.Cli;

/// <summary>Times on the command line, read in the practice's time zone unless they carry an offset.</summary>
public static class CliTime
{
    public const string Help = "a time: 2026-12-25T02:10 (the practice's local time), 2026-12-25T07:10Z, or now";

    /// <summary>
    /// An instant: <c>now</c> (or nothing), a time with an offset (<c>2026-12-25T02:10-06:00</c>, <c>...Z</c>),
    /// or a wall time (<c>2026-12-25T02:10</c>) read in the practice's time zone.
    /// </summary>
    public static DateTimeOffset Instant(string name, string? text, ZoneClock clock, DateTimeOffset now)
    {
        if (text is null or "now")
        {
            return now;
        }

        if ((text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        if (DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return clock.Instant(local);
        }

        throw new CommandLineException($"{name} takes a time like 2026-12-25T02:10 (the practice's local time), 2026-12-25T07:10Z, or now; not '{text}'.");
    }
}
