using System.Text;
using Ivr.Server.Portal.OnCall;

namespace Ivr.Server.Tests.Portal.OnCall;

/// <summary>Needs nothing: the hand-written RFC 5545 output: CRLF, folding at 75 octets, UTC times, escaping.</summary>
public sealed class ICalendarWriterTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryLineEndsInCrlfAndNoBareLineFeedIsLeft()
    {
        var text = ICalendarWriter.Write("feed", [Event("On call: Riverside (primary)")], Stamp);

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VEVENT\r\nEND:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Length - 1, text.Split("\r\n").Length - 1);
    }

    [Fact]
    public void TimesAreWrittenInUtcWithZWhateverTheOffsetTheyCameWith()
    {
        var newYork = TimeSpan.FromHours(-5);
        var e = new CalendarEvent("u1", new DateTimeOffset(2026, 11, 22, 19, 0, 0, newYork), new DateTimeOffset(2026, 11, 23, 8, 0, 0, newYork), "On call");

        var text = ICalendarWriter.Write("feed", [e], Stamp);

        Assert.Contains("\r\nDTSTART:20261123T000000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDTEND:20261123T130000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTAMP:20261122T120000Z\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LongLinesFoldAt75OctetsWithALeadingSpaceAndUnfoldToTheOriginal()
    {
        var summary = "On call: " + new string('x', 200);
        var text = ICalendarWriter.Write("feed", [Event(summary)], Stamp);

        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.Contains("SUMMARY:" + summary + "\r\n", text.Replace("\r\n ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var first = text.Split("\r\n").Single(l => l.StartsWith("SUMMARY:", StringComparison.Ordinal));
        Assert.Equal(75, first.Length);
    }

    [Fact]
    public void FoldingNeverSplitsAMultiByteCharacter()
    {
        var summary = "On call: " + string.Concat(Enumerable.Repeat("Dr. Müller-Łukasiewicz 🩺 ", 8));
        var builder = new StringBuilder();

        ICalendarWriter.Line(builder, "SUMMARY:" + summary);

        var lines = builder.ToString().Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75));
        Assert.DoesNotContain(builder.ToString(), c => c == '\uFFFD');
        Assert.All(lines.Where(l => l.Length > 0), l => Assert.False(char.IsHighSurrogate(l[^1]), "a surrogate pair was split"));
        Assert.Equal("SUMMARY:" + summary + "\r\n", builder.ToString().Replace("\r\n ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void TextValuesEscapeCommasSemicolonsBackslashesAndNewlines()
    {
        Assert.Equal(@"a\, b\; c\\d\ne", ICalendarWriter.Escape("a, b; c\\d\ne"));
    }

    [Fact]
    public void EachEventHasUidStampStartEndAndSummary()
    {
        var text = ICalendarWriter.Write("feed", [Event("one"), Event("two")], Stamp);

        Assert.Equal(2, CountOf(text, "BEGIN:VEVENT\r\n"));
        Assert.Equal(2, CountOf(text, "\r\nUID:"));
        Assert.Equal(2, CountOf(text, "\r\nDTSTAMP:"));
        Assert.Contains("\r\nSUMMARY:two\r\n", text, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    private static CalendarEvent Event(string summary) =>
        new("uid-" + summary.Length, new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero), summary);
}
