using System.Globalization;
using Ical.Net;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace Ivr.Portal.OnCall;

/// <summary>
/// Writes the on-call feed as RFC 5545 with Ical.Net (CRLF line ends, folding at 75 octets, text
/// escaping). Every time is in UTC ("Z"), so no VTIMEZONE is needed and every calendar app agrees on
/// the instant; the app shows it in its user's zone.
/// </summary>
public static class ICalendarWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(string name, IEnumerable<CalendarEvent> events, DateTimeOffset stamp)
    {
        var calendar = new Ical.Net.Calendar
        {
            ProductId = "-//ivr//after-hours answering service//EN",
            Scale = "GREGORIAN",
            Method = "PUBLISH",
        };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var e in events)
        {
            calendar.Events.Add(new IcalEvent
            {
                Uid = e.Uid,
                DtStamp = Utc(stamp),
                DtStart = Utc(e.From),
                DtEnd = Utc(e.Until),
                Summary = e.Summary,
                Description = e.Description,
                Transparency = TransparencyType.Opaque,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>A UTC date-time in the basic form, e.g. <c>20261122T071000Z</c> (as in the feed's UIDs).</summary>
    public static string UtcText(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime, CalDateTime.UtcTzId);
}
