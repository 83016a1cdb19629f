using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Tests.Practices;

/// <summary>Needs nothing: a practice's outbound settings, their checks, and what makes a campaign looser than them.</summary>
public sealed class OutboundSettingsTests
{
    private static readonly OutboundSettings Practice = new()
    {
        Rules = new CallingRules { WindowStart = new TimeOnly(9, 0), WindowEnd = new TimeOnly(20, 0), MaxPerDay = 2, MaxPerWeek = 5 },
        MaxChannels = 3,
    };

    [Fact]
    public void TheDefaultsAreTheLawsWindowOneADayThreeAWeekFourAtOnceAndTheDefaultRetries()
    {
        Assert.Equal(CallingRules.Default, OutboundSettings.Default.Rules);
        Assert.Same(RetryRules.Default, OutboundSettings.Default.Retry);
        Assert.Equal(4, OutboundSettings.Default.MaxChannels);
        Assert.True(OutboundSettings.Default.IsDefault);
        Assert.True((OutboundSettings.Default with { Retry = new RetryRules { Waits = [.. RetryRules.Default.Waits] } }).IsDefault);
        Assert.False(Practice.IsDefault);
        Assert.Null(OutboundSettings.Default.Check());
    }

    [Fact]
    public void TheSameOrTighterRulesAreNotLooser()
    {
        Assert.Null(Practice.Looser(Practice.Rules, 3));
        Assert.Null(Practice.Looser(new CallingRules { WindowStart = new TimeOnly(10, 0), WindowEnd = new TimeOnly(19, 0), MaxPerDay = 1, MaxPerWeek = 1 }, 1));
    }

    [Theory]
    [InlineData(8, 20, 2, 5, 3, "the calling window 08:00-20:00 is wider than the practice's 09:00-20:00")]
    [InlineData(9, 21, 2, 5, 3, "the calling window 09:00-21:00 is wider than the practice's 09:00-20:00")]
    [InlineData(9, 20, 3, 5, 3, "3 calls a day is more than the practice's 2")]
    [InlineData(9, 20, 2, 6, 3, "6 calls a week is more than the practice's 5")]
    [InlineData(9, 20, 2, 5, 4, "4 calls at once is more than the practice's 3")]
    public void EachLooserRuleIsNamedInWords(int start, int end, int day, int week, int channels, string expected)
    {
        var rules = new CallingRules { WindowStart = new TimeOnly(start, 0), WindowEnd = new TimeOnly(end, 0), MaxPerDay = day, MaxPerWeek = week };

        Assert.Equal(expected, Practice.Looser(rules, channels));
    }

    [Fact]
    public void ChecksRefuseTooManyChannelsAndBadRetries()
    {
        Assert.Equal("calls at once is a whole number from 1 to 10, not 11", (Practice with { MaxChannels = 11 }).Check());
        Assert.Equal("retry maxAttempts is a whole number from 1 to 20, not 0", (Practice with { Retry = new RetryRules { MaxAttempts = 0 } }).Check());
        Assert.Equal("a retry wait of 8d is outside 5m to 7d", (Practice with { Retry = new RetryRules { Waits = [TimeSpan.FromDays(8)] } }).Check());
        Assert.Equal("retry waits name at least one wait, like 30m, 2h, 1d", (Practice with { Retry = new RetryRules { Waits = [] } }).Check());
        Assert.StartsWith("the calling window 07:00-20:00 reaches outside", (Practice with { Rules = Practice.Rules with { WindowStart = new TimeOnly(7, 0) } }).Check());
    }

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("2h", 120)]
    [InlineData(" 1d ", 1440)]
    public void WaitsReadAndWriteInTheirLargestWholeUnit(string text, int minutes)
    {
        Assert.True(OutboundSettings.TryWait(text, out var wait));
        Assert.Equal(TimeSpan.FromMinutes(minutes), wait);
        Assert.Equal(text.Trim(), OutboundSettings.Wait(wait));
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("2w")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    public void AnythingElseIsNotAWait(string text) => Assert.False(OutboundSettings.TryWait(text, out _));
}
