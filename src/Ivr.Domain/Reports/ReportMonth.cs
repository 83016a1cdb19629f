using System.Globalization;
using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Reports;

/// <summary>A calendar month, written <c>2026-11</c>, and the instants it spans in a zone.</summary>
public readonly record struct ReportMonth(int Year, int Month)
{
    public static bool TryParse(string? text, out ReportMonth month)
    {
        month = default;
        if (!DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return false;
        }

        month = new ReportMonth(first.Year, first.Month);
        return true;
    }

    /// <summary>The month <paramref name="instant"/> falls in on <paramref name="clock"/>'s wall (UTC when null).</summary>
    public static ReportMonth Containing(DateTimeOffset instant, ZoneClock? clock)
    {
        var local = clock is null ? instant.UtcDateTime : clock.Local(instant);
        return new ReportMonth(local.Year, local.Month);
    }

    public int Days => DateTime.DaysInMonth(Year, Month);

    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>Midnight of the first to midnight of the next month, on <paramref name="clock"/>'s wall (UTC when null).</summary>
    public (DateTimeOffset From, DateTimeOffset Until) Span(ZoneClock? clock)
    {
        var first = new DateTime(Year, Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return clock is null
            ? (new DateTimeOffset(first, TimeSpan.Zero), new DateTimeOffset(first.AddMonths(1), TimeSpan.Zero))
            : (clock.Instant(first), clock.Instant(first.AddMonths(1)));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");
}
