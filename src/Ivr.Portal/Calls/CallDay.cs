using System.Globalization;
using Ivr.Domain.Practices;

namespace Ivr.Portal.Calls;

/// <summary>A day of calls to search: midnight to midnight in the practice's zone, or in UTC for users of every practice.</summary>
public static class CallDay
{
    public static bool TryParse(string? text, Practice? practice, out DateTimeOffset from, out DateTimeOffset until)
    {
        from = until = default;
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        if (practice is null)
        {
            from = new DateTimeOffset(day, TimeSpan.Zero);
            until = from.AddDays(1);
        }
        else
        {
            var clock = practice.Clock();
            from = clock.Instant(day);
            until = clock.Instant(day.AddDays(1));
        }

        return true;
    }
}
