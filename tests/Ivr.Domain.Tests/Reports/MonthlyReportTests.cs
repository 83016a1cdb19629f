using Ivr.Domain.Reports;
using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Tests.Reports;

/// <summary>Needs nothing: a month's calls counted by day and hour on the practice's wall clock, with billing per practice.</summary>
public sealed class MonthlyReportTests
{
    private static readonly ReportMonth November = new(2026, 11);
    private static readonly ZoneClock NewYork = new("America/New_York");

    [Fact]
    public void CallsCountOnThePracticesDayAndHourNotUtcs()
    {
        // 03:30 UTC on the 23rd is 22:30 on the 22nd in New York.
        var late = new ReportCall("a", new DateTimeOffset(2026, 11, 23, 3, 30, 0, TimeSpan.Zero), 61, "after hours (Sun 22:30 local)");
        var report = MonthlyReport.Build(November, NewYork, [late], []);

        Assert.Equal(30, report.CallsPerDay.Count);
        Assert.Equal(1, report.CallsPerDay[21]);
        Assert.Equal(1, report.CallsPerHour[22]);
        Assert.Equal(1, report.AfterHoursCalls);
        Assert.Equal(1, MonthlyReport.Build(November, null, [late], []).CallsPerDay[22]);
    }

    [Fact]
    public void BillingIsPerPracticeAndResponseTimesComeFromAcknowledgedAndResolvedMessages()
    {
        var at = new DateTimeOffset(2026, 11, 10, 2, 0, 0, TimeSpan.Zero);
        ReportCall[] calls =
        [
            new("b", at, 0, "after hours (Mon 21:00 local)"),
            new("a", at, 61, "holiday: Veterans Day"),
            new("a", at.AddHours(15), 30, "business hours Mon 08:00-17:00: the office takes the call; the service answers only if it does not"),
        ];
        ReportMessage[] messages =
        [
            new("a", at, at.AddMinutes(7), at.AddMinutes(40), VoiceSteps: 2),
            new("a", at, null, null, VoiceSteps: 1),
        ];

        var report = MonthlyReport.Build(November, NewYork, calls, messages);

        Assert.Equal(3, report.Calls);
        Assert.Equal(2, report.AfterHoursCalls);
        Assert.Equal([new PracticeBilling("a", 2, 91, 3), new PracticeBilling("b", 1, 0, 0)], report.Billing);
        Assert.Equal(new DurationStats(1, 420, 420), report.TimeToAcknowledge);
        Assert.Equal(new DurationStats(1, 2400, 2400), report.TimeToContact);
        Assert.Equal(1, report.Escalations);
    }

    [Fact]
    public void AMonthSpansMidnightToMidnightOnTheZonesWall()
    {
        Assert.True(ReportMonth.TryParse("2026-11", out var month));
        Assert.Equal("2026-11", month.ToString());
        Assert.False(ReportMonth.TryParse("2026-13", out _));
        Assert.False(ReportMonth.TryParse("november", out _));

        var (from, until) = month.Span(NewYork);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), from.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), until.ToUniversalTime());
        Assert.Equal(new ReportMonth(2026, 10), ReportMonth.Containing(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero), NewYork));
    }

    [Theory]
    [InlineData("after hours (Sun 22:30 local)", true)]
    [InlineData("holiday: Thanksgiving Day", true)]
    [InlineData("closure: staff training (2026-11-20 12:00 to 2026-11-20 17:00)", true)]
    [InlineData("business hours Mon 08:00-17:00: overflow, the office rings first and the service answers on no answer or busy", false)]
    [InlineData("24/7 coverage: the service answers every call", false)]
    [InlineData(null, false)]
    public void OutsideBusinessHoursIsEveryRouteReasonButBusinessHoursAndTwentyFourSeven(string? reason, bool outside) =>
        Assert.Equal(outside, MonthlyReport.OutsideHours(reason));
}
