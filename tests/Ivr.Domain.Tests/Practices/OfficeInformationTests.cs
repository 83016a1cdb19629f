using Ivr.Domain.Practices;

namespace Ivr.Domain.Tests.Practices;

/// <summary>Needs nothing: what the office information says at an instant, on the practice's own clock.</summary>
public sealed class OfficeInformationTests
{
    private static readonly TimeSpan Est = TimeSpan.FromHours(-5);
    private static readonly TimeSpan Edt = TimeSpan.FromHours(-4);

    /// <summary>Monday 08:30-17:00, Tuesday to Friday 08:00-12:00 and 13:00-17:00, US federal holidays, New York.</summary>
    private static OfficeInformation Riverside(IReadOnlyList<Closure>? closures = null, OfficeWords? words = null, WeeklyHours? hours = null) => new(
        "riverside-pediatrics",
        "America/New_York",
        hours ?? new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
        {
            [DayOfWeek.Monday] = [Interval(8, 30, 17, 0)],
            [DayOfWeek.Tuesday] = [Interval(8, 0, 12, 0), Interval(13, 0, 17, 0)],
            [DayOfWeek.Wednesday] = [Interval(8, 0, 17, 0)],
            [DayOfWeek.Thursday] = [Interval(8, 0, 17, 0)],
            [DayOfWeek.Friday] = [Interval(8, 0, 17, 0)],
        }),
        new HolidayCalendar([], UsFederalHolidays.PresetName),
        closures ?? [],
        words ?? OfficeWords.None);

    private static OpeningInterval Interval(int openHour, int openMinute, int closeHour, int closeMinute) =>
        new(new TimeOnly(openHour, openMinute), closeHour == 24 ? OpeningInterval.Midnight : new TimeOnly(closeHour, closeMinute));

    public static TheoryData<string, string> Cases => new()
    {
        // Wednesday before Thanksgiving (2026-11-26), in the day and after closing: Thursday is a holiday.
        { "2026-11-25T10:00:00-05:00", "Our office is open now until 5 p.m." },
        { "2026-11-25T18:00:00-05:00", "We are closed now. We open again on Friday at 8 a.m." },
        { "2026-11-26T10:00:00-05:00", "We are closed for Thanksgiving Day. We open again tomorrow at 8 a.m." },
        { "2026-11-27T18:00:00-05:00", "We are closed now. We open again on Monday at 8:30 a.m." },
        { "2026-11-28T03:00:00-05:00", "We are closed now. We open again on Monday at 8:30 a.m." },
        { "2026-11-30T07:00:00-05:00", "We are closed now. We open again today at 8:30 a.m." },
        { "2026-11-30T08:30:00-05:00", "Our office is open now until 5 p.m." },
        { "2026-11-30T16:59:00-05:00", "Our office is open now until 5 p.m." },
        { "2026-11-30T17:00:00-05:00", "We are closed now. We open again tomorrow at 8 a.m." },

        // Tuesday's lunch break.
        { "2026-12-01T09:00:00-05:00", "Our office is open now until noon." },
        { "2026-12-01T12:15:00-05:00", "We are closed now. We open again today at 1 p.m." },

        // Christmas Day 2026 is a Friday: closed until Monday.
        { "2026-12-24T17:30:00-05:00", "We are closed now. We open again on Monday at 8:30 a.m." },
        { "2026-12-25T09:00:00-05:00", "We are closed for Christmas Day. We open again on Monday at 8:30 a.m." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SaysWhetherTheOfficeIsOpenAndWhenItOpensOnItsOwnClock(string instant, string expected) =>
        Assert.Equal(expected, Riverside().StatusAt(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void AClosureSpanningDaysIsNamedAndTheOfficeOpensWhenItEnds()
    {
        var leak = Riverside([new Closure(new DateTime(2026, 12, 2, 12, 0, 0), new DateTime(2026, 12, 4, 10, 0, 0), "a water leak")]);

        Assert.Equal("Our office is open now until noon.", leak.StatusAt(new DateTimeOffset(2026, 12, 2, 11, 0, 0, Est)));
        Assert.Equal("We are closed for a water leak. We open again on Friday at 10 a.m.", leak.StatusAt(new DateTimeOffset(2026, 12, 2, 13, 0, 0, Est)));
        Assert.Equal("We are closed for a water leak. We open again tomorrow at 10 a.m.", leak.StatusAt(new DateTimeOffset(2026, 12, 3, 9, 0, 0, Est)));
        Assert.Equal("Our office is open now until 5 p.m.", leak.StatusAt(new DateTimeOffset(2026, 12, 4, 10, 0, 0, Est)));
    }

    [Fact]
    public void ALongClosureNamesTheDateItOpens()
    {
        var renovation = Riverside([new Closure(new DateTime(2026, 12, 7, 0, 0, 0), new DateTime(2026, 12, 19, 0, 0, 0), "renovation")]);

        Assert.Equal("We are closed for renovation. We open again on Monday, December 21, at 8:30 a.m.", renovation.StatusAt(new DateTimeOffset(2026, 12, 8, 9, 0, 0, Est)));
    }

    [Fact]
    public void TheDaylightSavingChangeMovesTheInstantsNotTheWallClock()
    {
        // Clocks fall back on Sunday 2026-11-01 at 02:00: Monday's 08:30 is 13:30 UTC, not 12:30.
        var office = Riverside();

        Assert.Equal("We are closed now. We open again on Monday at 8:30 a.m.", office.StatusAt(new DateTimeOffset(2026, 10, 31, 20, 0, 0, Edt)));
        Assert.Equal("We are closed now. We open again today at 8:30 a.m.", office.StatusAt(new DateTimeOffset(2026, 11, 2, 13, 15, 0, TimeSpan.Zero)));
        Assert.Equal("Our office is open now until 5 p.m.", office.StatusAt(new DateTimeOffset(2026, 11, 2, 13, 45, 0, TimeSpan.Zero)));

        // Spring forward on Sunday 2026-03-08: Monday's 08:30 is 12:30 UTC.
        Assert.Equal("Our office is open now until 5 p.m.", office.StatusAt(new DateTimeOffset(2026, 3, 9, 12, 45, 0, TimeSpan.Zero)));
        Assert.Equal("We are closed now. We open again tomorrow at 8:30 a.m.", office.StatusAt(new DateTimeOffset(2026, 3, 8, 2, 30, 0, Est)));
    }

    [Fact]
    public void AnOvernightStretchIsOneOpeningThatEndsTheNextMorning()
    {
        var nights = Riverside(hours: new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
        {
            [DayOfWeek.Monday] = [Interval(22, 0, 24, 0)],
            [DayOfWeek.Tuesday] = [Interval(0, 0, 6, 0), Interval(20, 0, 24, 0)],
        }));

        Assert.Equal("Our office is open now until 6 a.m. tomorrow.", nights.StatusAt(new DateTimeOffset(2026, 11, 30, 23, 0, 0, Est)));
        Assert.Equal("Our office is open now until 6 a.m.", nights.StatusAt(new DateTimeOffset(2026, 12, 1, 1, 0, 0, Est)));
        Assert.Equal("Our office is open now until midnight.", nights.StatusAt(new DateTimeOffset(2026, 12, 1, 21, 0, 0, Est)));
        Assert.Equal("We are closed now. We open again on Monday at 10 p.m.", nights.StatusAt(new DateTimeOffset(2026, 12, 2, 9, 0, 0, Est)));
    }

    [Fact]
    public void AnOfficeWithNoHoursAtAllSaysOnlyItsWords()
    {
        var words = new OfficeWords { Address = "200 River Road, Riverside" };
        var office = Riverside(words: words, hours: WeeklyHours.Closed);
        var at = new DateTimeOffset(2026, 11, 25, 10, 0, 0, Est);

        Assert.Null(office.StatusAt(at));
        Assert.Equal(["Our address is 200 River Road, Riverside."], office.SentencesAt(at));
        Assert.Equal(["Our address is 200 River Road, Riverside."], office.SentencesAhead(at, OfficeInformation.RenderAhead));
        Assert.DoesNotContain(office.SentencesAhead(at, OfficeInformation.RenderAhead), s => s.Contains("never", StringComparison.Ordinal) || s.Contains("open", StringComparison.Ordinal));
        Assert.False((Riverside(hours: WeeklyHours.Closed) with { Words = OfficeWords.None }).HasAnything);
    }

    [Fact]
    public void AnOfficeClosedLongerThanTheSearchIsOnlySaidToBeClosed()
    {
        var closed = Riverside([new Closure(new DateTime(2026, 11, 1), new DateTime(2027, 3, 1), "a move to our new building")]);

        Assert.Equal("We are closed for a move to our new building.", closed.StatusAt(new DateTimeOffset(2026, 11, 25, 10, 0, 0, Est)));
    }

    [Fact]
    public void TheWordsAreSpokenAsSentencesWithTheFaxDigitByDigitAndTheWebsitesDots()
    {
        var words = new OfficeWords
        {
            Address = "200 River Road, Suite 4, Riverside",
            Directions = "We are across from the library; park behind the building",
            Fax = "(555) 010-0142",
            Website = "www.riversidepeds.example",
        };

        Assert.Equal(
            "Our address is 200 River Road, Suite 4, Riverside. We are across from the library; park behind the building. Our fax number is 5 5 5, 0 1 0, 0 1 4 2. Our website is www dot riversidepeds dot example.",
            words.Spoken());
        Assert.Empty(words.Problems());
        Assert.Equal(["address", "fax", "website"], new OfficeWords { Fax = "call us", Website = "not a site", Address = new string('a', OfficeWords.MaxLength + 1) }.Problems().Select(p => p.Key));
    }

    [Fact]
    public void EverySentenceOfTheNextFourteenDaysIsAmongThoseRenderedAhead()
    {
        var office = Riverside(
            [new Closure(new DateTime(2026, 12, 2, 12, 0, 0), new DateTime(2026, 12, 4, 10, 0, 0), "a water leak")],
            new OfficeWords { Address = "200 River Road", Fax = "555-0142" });
        var from = new DateTimeOffset(2026, 11, 20, 14, 7, 0, Est);

        var ahead = office.SentencesAhead(from, OfficeInformation.RenderAhead);

        for (var at = from; at <= from + OfficeInformation.RenderAhead; at += TimeSpan.FromMinutes(10))
        {
            Assert.All(office.SentencesAt(at), s => Assert.Contains(s, ahead));
        }

        Assert.Equal(ahead.Count, ahead.Distinct().Count());
        Assert.Contains("We are closed for Thanksgiving Day. We open again tomorrow at 8 a.m.", ahead);
        Assert.Contains("We are closed for a water leak. We open again on Friday at 10 a.m.", ahead);
        Assert.Equal("Our address is 200 River Road. Our fax number is 5 5 5, 0 1 4 2.", ahead[^1]);
    }

    [Fact]
    public void EachSentenceIsPlayedFromThePromptItsWordsName()
    {
        var office = Riverside(words: new OfficeWords { Website = "riversidepeds.example" });
        var at = new DateTimeOffset(2026, 11, 25, 10, 0, 0, Est);

        var ids = office.PromptIdsAt(at);

        Assert.Equal([PracticePromptIds.Of("riverside-pediatrics", "Our office is open now until 5 p.m."), PracticePromptIds.Of("riverside-pediatrics", "Our website is riversidepeds dot example.")], ids);
        Assert.Matches("^greeting-riverside-pediatrics-[0-9a-f]{8}$", ids[0]);
        Assert.NotEqual(ids[0], PracticePromptIds.Of("harbor-internal-medicine", "Our office is open now until 5 p.m."));
    }
}
