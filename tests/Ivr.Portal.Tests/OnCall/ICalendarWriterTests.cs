using System.Text;
using Ivr.Portal.OnCall;

namespace Ivr.Portal.Tests.OnCall;

/// <summary>Needs nothing: the feed as calendar apps read it: CRLF, folding at 75 octets, UTC times, escaping.</summary>
public sealed class ICalendarWriterTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryLineEndsInCrlfAndNoBareLineFeedIsLeft()
    {
        var text = ICalendarWriter.Write("feed", [Event("On call: Riverside (primary)")], Stamp);

        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nVERSION:2.0\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nPRODID:-//ivr//after-hours answering service//EN\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nMETHOD:PUBLISH\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nX-WR-CALNAME:feed\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VEVENT\r\nEND:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Length - 1, text.Split("\r\n").Length - 1);
    }

    [Fact]
    public void TimesAreWrittenInUtcWithZWhateverTheOffsetTheyCameWithAndNoTimeZoneIsNeeded()
    {
        var newYork = TimeSpan.FromHours(-5);
        var e = new CalendarEvent("u1", new DateTimeOffset(2026, 11, 22, 19, 0, 0, newYork), new DateTimeOffset(2026, 11, 23, 8, 0, 0, newYork), "On call");

        var text = ICalendarWriter.Write("feed", [e], Stamp);

        Assert.Contains("\r\nDTSTART:20261123T000000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDTEND:20261123T130000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTAMP:20261122T120000Z\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TZID", text, StringComparison.Ordinal);
        Assert.DoesNotContain("VTIMEZONE", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ADaylightSavingNightKeepsItsRealLengthInUtc()
    {
        // 1 November 2026, New York: 01:00-01:59 happens twice; 19:00 EDT to 08:00 EST is 14 hours.
        var e = new CalendarEvent("u1", new DateTimeOffset(2026, 10, 31, 19, 0, 0, TimeSpan.FromHours(-4)), new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(-5)), "On call");

        var text = ICalendarWriter.Write("feed", [e], Stamp);

        Assert.Contains("\r\nDTSTART:20261031T230000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDTEND:20261101T130000Z\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LongLinesFoldAt75OctetsWithALeadingSpaceAndUnfoldToTheOriginal()
    {
        var summary = "On call: " + new string('x', 200);
        var text = ICalendarWriter.Write("feed", [Event(summary)], Stamp);

        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.Contains("\r\nSUMMARY:" + summary + "\r\n", Unfold(text), StringComparison.Ordinal);
        Assert.Contains(text.Split("\r\n"), line => line.StartsWith(' '));
    }

    [Fact]
    public void FoldingNeverSplitsAMultiByteCharacter()
    {
        var summary = "On call: " + string.Concat(Enumerable.Repeat("Dr. Müller-Łukasiewicz 🩺 ", 8));

        var text = ICalendarWriter.Write("feed", [Event(summary)], Stamp);

        var lines = text.Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.DoesNotContain(text, c => c == '\uFFFD');
        Assert.All(lines.Where(l => l.Length > 0), l => Assert.False(char.IsHighSurrogate(l[^1]), "a surrogate pair was split"));
        Assert.Contains("\r\nSUMMARY:" + summary + "\r\n", Unfold(text), StringComparison.Ordinal);
    }

    [Fact]
    public void TextValuesEscapeCommasSemicolonsBackslashesAndNewlines()
    {
        var e = new CalendarEvent("u1", Stamp, Stamp.AddHours(12), "On call: Smith, Jones; Partners", "Dr. A\\B\nprimary, then backup");

        var text = Unfold(ICalendarWriter.Write("feed", [e], Stamp));

        Assert.Contains("\r\nSUMMARY:On call: Smith\\, Jones\\; Partners\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDESCRIPTION:Dr. A\\\\B\\nprimary\\, then backup\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EachEventHasUidStampStartEndAndSummary()
    {
        var text = ICalendarWriter.Write("feed", [Event("one"), Event("two")], Stamp);

        Assert.Equal(2, CountOf(text, "BEGIN:VEVENT\r\n"));
        Assert.Equal(2, CountOf(text, "\r\nUID:uid-3\r\n"));
        Assert.Equal(2, CountOf(text, "\r\nDTSTAMP:"));
        Assert.Equal(2, CountOf(text, "\r\nTRANSP:OPAQUE\r\n"));
        Assert.Contains("\r\nSUMMARY:two\r\n", text, StringComparison.Ordinal);
    }

    private static string Unfold(string text) => text.Replace("\r\n ", string.Empty, StringComparison.Ordinal);

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    private static CalendarEvent Event(string summary) =>
        new("uid-" + summary.Length, new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero), summary);
}
