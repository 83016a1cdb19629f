using System.Globalization;
using System.Text;

namespace Ivr.Server.Portal.OnCall;

/// <summary>
/// Writes an RFC 5545 calendar by hand (no package needed for this little): CRLF line ends, lines
/// folded at 75 octets without splitting a UTF-8 character, text escaped, every time in UTC ("Z"),
/// so no VTIMEZONE is needed and every calendar app agrees on the instant.
/// </summary>
public static class ICalendarWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const int MaxOctets = 75;

    public static string Write(string name, IEnumerable<CalendarEvent> events, DateTimeOffset stamp)
    {
        var output = new StringBuilder();
        Line(output, "BEGIN:VCALENDAR");
        Line(output, "VERSION:2.0");
        Line(output, "PRODID:-//ivr//after-hours answering service//EN");
        Line(output, "CALSCALE:GREGORIAN");
        Line(output, "METHOD:PUBLISH");
        Line(output, "X-WR-CALNAME:" + Escape(name));
        foreach (var e in events)
        {
            Line(output, "BEGIN:VEVENT");
            Line(output, "UID:" + Escape(e.Uid));
            Line(output, "DTSTAMP:" + Utc(stamp));
            Line(output, "DTSTART:" + Utc(e.From));
            Line(output, "DTEND:" + Utc(e.Until));
            Line(output, "SUMMARY:" + Escape(e.Summary));
            if (e.Description is { } description)
            {
                Line(output, "DESCRIPTION:" + Escape(description));
            }

            Line(output, "TRANSP:OPAQUE");
            Line(output, "END:VEVENT");
        }

        Line(output, "END:VCALENDAR");
        return output.ToString();
    }

    /// <summary>A UTC date-time in the basic form, e.g. <c>20261122T071000Z</c>.</summary>
    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11).</summary>
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// Appends a content line folded per RFC 5545 3.1: at most 75 octets a line, continuations start
    /// with a space (which counts towards their 75), and a multi-byte character is never split.
    /// </summary>
    public static void Line(StringBuilder output, string line)
    {
        var octets = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > MaxOctets)
            {
                output.Append("\r\n ");
                octets = 1;
            }

            output.Append(line, i, length);
            octets += size;
            i += length - 1;
        }

        output.Append("\r\n");
    }
}
