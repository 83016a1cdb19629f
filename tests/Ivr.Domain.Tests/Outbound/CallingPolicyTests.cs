using Ivr.Domain.Outbound;

namespace Ivr.Domain.Tests.Outbound;

/// <summary>Needs nothing: when an outbound call may be made, on the patient's own clock, and which rule held it back.</summary>
public sealed class CallingPolicyTests
{
    private const string Chicago = "America/Chicago";

    // 2026-12-01 is a Tuesday; Chicago is UTC-6 in December.
    private static DateTimeOffset Chicago_(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, TimeSpan.FromHours(-6));

    [Fact]
    public void InsideTheWindowWithNoEarlierCallTheCallGoesNow()
    {
        var decision = CallingPolicy.Decide(CallingRules.Default, Chicago, Chicago_(1, 10), []);

        Assert.Equal((CallingVerdict.CallNow, null, "none"), (decision.Verdict, decision.NotBefore, decision.Rule));
    }

    [Fact]
    public void BeforeTheWindowOnThePatientsClockTheCallWaitsForItToOpenThoughItIsDaytimeForTheService()
    {
        // 07:30 in Chicago is 08:30 in New York: the patient's clock decides.
        var decision = CallingPolicy.Decide(CallingRules.Default, Chicago, Chicago_(1, 7, 30), []);

        Assert.Equal((CallingVerdict.Wait, Chicago_(1, 8), "calling-window"), (decision.Verdict, decision.NotBefore, decision.Rule));
        Assert.Contains("before the calling window 08:00-21:00 in America/Chicago", decision.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void AtTheWindowsEndTheCallWaitsForTheNextMorning()
    {
        var decision = CallingPolicy.Decide(CallingRules.Default, Chicago, Chicago_(1, 21), []);

        Assert.Equal((CallingVerdict.Wait, Chicago_(2, 8)), (decision.Verdict, decision.NotBefore));
    }

    [Fact]
    public void APracticesTighterWindowHoldsTheCallAndAWiderOneIsRefused()
    {
        var tighter = CallingRules.Default with { WindowStart = new TimeOnly(9, 0), WindowEnd = new TimeOnly(19, 0) };

        Assert.Equal(Chicago_(1, 9), CallingPolicy.Decide(tighter, Chicago, Chicago_(1, 8, 30), []).NotBefore);
        Assert.Equal(Chicago_(2, 9), CallingPolicy.Decide(tighter, Chicago, Chicago_(1, 19, 30), []).NotBefore);
        Assert.Equal("the calling window 07:00-21:00 reaches outside 08:00-21:00 on the patient's clock", (CallingRules.Default with { WindowStart = new TimeOnly(7, 0) }).Check());
        Assert.Throws<ArgumentException>(() => CallingPolicy.Decide(CallingRules.Default with { WindowEnd = new TimeOnly(22, 0) }, Chicago, Chicago_(1, 10), []));
    }

    [Fact]
    public void OneCallADayToANumberThenTheNextOneWaitsForTheNextDaysWindow()
    {
        var decision = CallingPolicy.Decide(CallingRules.Default, Chicago, Chicago_(1, 15), [Chicago_(1, 9)]);

        Assert.Equal((CallingVerdict.Wait, Chicago_(2, 8), "calls-a-day"), (decision.Verdict, decision.NotBefore, decision.Rule));
        Assert.StartsWith("1 call(s) to this number today on the patient's clock, 1 a day at most", decision.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void APracticeThatRaisesTheDailyCapMayCallAgainTheSameDay()
    {
        var twice = CallingRules.Default with { MaxPerDay = 2 };

        Assert.Equal(CallingVerdict.CallNow, CallingPolicy.Decide(twice, Chicago, Chicago_(1, 15), [Chicago_(1, 9)]).Verdict);
        Assert.Equal(Chicago_(2, 8), CallingPolicy.Decide(twice, Chicago, Chicago_(1, 16), [Chicago_(1, 9), Chicago_(1, 15)]).NotBefore);
    }

    [Fact]
    public void ThreeCallsInSevenDaysHoldTheFourthUntilTheOldestIsAWeekOldAndInsideTheWindow()
    {
        var earlier = new[] { Chicago_(1, 20), Chicago_(2, 9), Chicago_(3, 9) };

        var decision = CallingPolicy.Decide(CallingRules.Default, Chicago, Chicago_(4, 10), earlier);

        // A week after 20:00 on the 1st is 20:00 on the 8th: inside the window, so then.
        Assert.Equal((CallingVerdict.Wait, Chicago_(8, 20), "calls-a-week"), (decision.Verdict, decision.NotBefore, decision.Rule));
        Assert.Equal(CallingVerdict.CallNow, CallingPolicy.Decide(CallingRules.Default, Chicago, Chicago_(8, 20), earlier).Verdict);
    }

    [Fact]
    public void AWeeksCapThatEndsAfterTheWindowClosesWaitsForTheNextMorning()
    {
        // The first call was at 20:30; the practice has since closed its window at 20:00.
        var earlier = new[] { Chicago_(1, 20, 30), Chicago_(2, 9), Chicago_(3, 9) };

        var decision = CallingPolicy.Decide(CallingRules.Default with { WindowEnd = new TimeOnly(20, 0) }, Chicago, Chicago_(4, 10), earlier);

        Assert.Equal((Chicago_(9, 8), "calls-a-week"), (decision.NotBefore, decision.Rule));
    }

    [Fact]
    public void ANumberThatOptedOutIsNeverCalledAgain()
    {
        var decision = CallingPolicy.Decide(CallingRules.Default, Chicago, Chicago_(1, 10), [], optedOutAt: Chicago_(1, 9));

        Assert.Equal((CallingVerdict.Never, null, "opt-out"), (decision.Verdict, decision.NotBefore, decision.Rule));
    }

    [Fact]
    public void TheWindowFollowsThePatientsDaylightSavingChange()
    {
        // 2026-03-08: Chicago springs forward; 08:00 that morning is 14:00 UTC, the day before 14:00 UTC was 08:00 too but at -6.
        var saturdayNight = new DateTimeOffset(2026, 3, 7, 21, 30, 0, TimeSpan.FromHours(-6));

        var decision = CallingPolicy.Decide(CallingRules.Default, Chicago, saturdayNight, []);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 8, 0, 0, TimeSpan.FromHours(-5)), decision.NotBefore);
    }
}
