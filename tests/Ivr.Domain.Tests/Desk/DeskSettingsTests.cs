using Ivr.Domain.Desk;
using Ivr.Domain.Practices;
using static Ivr.Domain.Tests.Support.Practices;

namespace Ivr.Domain.Tests.Desk;

/// <summary>Needs nothing: the practice's desk settings: defaults, the live-person policy at instants (across a DST change), the rules, the greeting.</summary>
public sealed class DeskSettingsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);

    /// <summary>Operators answer Sundays 01:00-02:00 and 18:00-24:00, New York time.</summary>
    private static Practice SundayEvenings() => NewYork() with
    {
        Desk = new DeskSettings
        {
            LivePerson = LivePersonPolicy.OperatorsDuringHours,
            OperatorHours = new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
            {
                [DayOfWeek.Sunday] = [new(new TimeOnly(1, 0), new TimeOnly(2, 0)), new(new TimeOnly(18, 0), OpeningInterval.Midnight)],
            }),
        },
    };

    [Fact]
    public void APracticeThatNeverSetThemHasTheDefaults()
    {
        var desk = NewYork().Desk;

        Assert.Equal(LivePersonPolicy.OperatorsFirst, desk.LivePerson);
        Assert.Equal(TimeSpan.FromSeconds(90), desk.MaxHold);
        Assert.True(desk.AfterMaxHoldDoctor);
        Assert.Equal(new ServiceLevelTarget(80, TimeSpan.FromSeconds(20)), desk.ServiceLevelTarget);
        Assert.Equal(string.Empty, desk.Instructions);
        Assert.Equal("{practice} answering service, this is {operator}, how can I help?", desk.OperatorGreeting);
        Assert.True(desk.IsDefault);
        Assert.False((desk with { MaxHold = TimeSpan.FromSeconds(60) }).IsDefault);
    }

    [Fact]
    public void OperatorsFirstGoesToTheDoctorWhenNoOperatorIsSignedInAndDoctorDirectAlwaysDoes()
    {
        var practice = NewYork();
        var direct = practice with { Desk = new DeskSettings { LivePerson = LivePersonPolicy.DoctorDirect } };

        Assert.Equal(LivePersonRoute.Operators, practice.LivePersonAt(Noon, anyOperatorSignedIn: true));
        Assert.Equal(LivePersonRoute.Doctor, practice.LivePersonAt(Noon, anyOperatorSignedIn: false));
        Assert.Equal(LivePersonRoute.Doctor, direct.LivePersonAt(Noon, anyOperatorSignedIn: true));
    }

    [Fact]
    public void OperatorsDuringHoursFollowsThePracticesWallClockAcrossTheFallBack()
    {
        var practice = SundayEvenings();

        // Sunday 2026-10-25 18:30 EDT is 22:30Z; a week later, after clocks fell back on 11-01, 22:30Z is 17:30 EST and 18:30 EST is 23:30Z.
        Assert.Equal(LivePersonRoute.Operators, practice.LivePersonAt(Utc(2026, 10, 25, 22, 30), anyOperatorSignedIn: true));
        Assert.Equal(LivePersonRoute.Doctor, practice.LivePersonAt(Utc(2026, 11, 1, 22, 30), anyOperatorSignedIn: true));
        Assert.Equal(LivePersonRoute.Operators, practice.LivePersonAt(Utc(2026, 11, 1, 23, 30), anyOperatorSignedIn: true));

        // 01:30 happens twice on 11-01 (05:30Z EDT, 06:30Z EST): both are within 01:00-02:00; 02:30 EST (07:30Z) is not.
        Assert.Equal(LivePersonRoute.Operators, practice.LivePersonAt(Utc(2026, 11, 1, 5, 30), anyOperatorSignedIn: true));
        Assert.Equal(LivePersonRoute.Operators, practice.LivePersonAt(Utc(2026, 11, 1, 6, 30), anyOperatorSignedIn: true));
        Assert.Equal(LivePersonRoute.Doctor, practice.LivePersonAt(Utc(2026, 11, 1, 7, 30), anyOperatorSignedIn: true));

        // Within the hours but nobody at the desk: the doctor.
        Assert.Equal(LivePersonRoute.Doctor, practice.LivePersonAt(Utc(2026, 11, 1, 23, 30), anyOperatorSignedIn: false));
    }

    [Fact]
    public void OperatorsDuringHoursAcrossTheSpringForward()
    {
        // Sunday 2026-03-08: clocks jump 02:00 → 03:00 EDT. 01:30 EST is 06:30Z; 18:30 EDT is 22:30Z, which a week before was 17:30 EST.
        var practice = SundayEvenings();

        Assert.Equal(LivePersonRoute.Operators, practice.LivePersonAt(Utc(2026, 3, 8, 6, 30), anyOperatorSignedIn: true));
        Assert.Equal(LivePersonRoute.Doctor, practice.LivePersonAt(Utc(2026, 3, 8, 7, 30), anyOperatorSignedIn: true));
        Assert.Equal(LivePersonRoute.Operators, practice.LivePersonAt(Utc(2026, 3, 8, 22, 30), anyOperatorSignedIn: true));
        Assert.Equal(LivePersonRoute.Doctor, practice.LivePersonAt(Utc(2026, 3, 1, 22, 30), anyOperatorSignedIn: true));
    }

    [Fact]
    public void TheGreetingIsRenderedWithThePracticeAndTheOperatorsFirstName()
    {
        var practice = NewYork();
        var custom = new DeskSettings { OperatorGreeting = "Good evening, {practice}. {operator} speaking; {operator} can help." };

        Assert.Equal("Riverside Pediatrics answering service, this is Sam, how can I help?", practice.Desk.RenderGreeting(practice.Name, " Sam "));
        Assert.Equal("Good evening, Riverside Pediatrics. {practice} speaking; {practice} can help.", custom.RenderGreeting(practice.Name, "{practice}"));
        Assert.Throws<ArgumentException>(() => practice.Desk.RenderGreeting(practice.Name, " "));
        Assert.Throws<InvalidOperationException>(() => new DeskSettings { OperatorGreeting = "{clinic} here" }.RenderGreeting(practice.Name, "Sam"));
    }

    [Theory]
    [InlineData("{practice}, this is {operator}.", null)]
    [InlineData("Hello, this is {operator}.", null)]
    [InlineData("{practice} answering, this is {name}", "the operator greeting names {name}, which is unknown; use {practice} and {operator}")]
    [InlineData("{Practice} answering", "the operator greeting names {Practice}, which is unknown; use {practice} and {operator}")]
    [InlineData("this is {operator", "the operator greeting has a '{' without its '}'")]
    [InlineData("this is operator}", "the operator greeting has a '}' without its '{'")]
    [InlineData("  ", "the operator greeting is empty")]
    [InlineData("one\nline", "the operator greeting is one line without control characters")]
    public void AGreetingWithAnUnknownPlaceholderIsRefused(string template, string? error) =>
        Assert.Equal(error, DeskRules.OperatorGreeting(template));

    [Theory]
    [InlineData("15", null)]
    [InlineData("600", null)]
    [InlineData("14", "maxHoldSeconds is a whole number from 15 to 600, not '14'")]
    [InlineData("601", "maxHoldSeconds is a whole number from 15 to 600, not '601'")]
    [InlineData("ninety", "maxHoldSeconds is a whole number from 15 to 600, not 'ninety'")]
    public void TheMaximumHoldIsFrom15SecondsTo10Minutes(string text, string? error) =>
        Assert.Equal(error, DeskRules.MaxHoldSeconds(text, out _));

    [Fact]
    public void TheTargetInstructionsAndPolicyAreChecked()
    {
        Assert.Null(DeskRules.Percent("1", out _));
        Assert.Null(DeskRules.Percent("100", out _));
        Assert.Equal("percent is a whole number from 1 to 100, not '0'", DeskRules.Percent("0", out _));
        Assert.Equal("percent is a whole number from 1 to 100, not '101'", DeskRules.Percent("101", out _));
        Assert.Null(DeskRules.TargetSeconds("5", out _));
        Assert.Null(DeskRules.TargetSeconds("300", out _));
        Assert.Equal("seconds is a whole number from 5 to 300, not '4'", DeskRules.TargetSeconds("4", out _));
        Assert.Equal("seconds is a whole number from 5 to 300, not '301'", DeskRules.TargetSeconds("301", out _));
        Assert.Null(DeskRules.Instructions(new string('x', 2000)));
        Assert.Equal("the instructions are 2001 characters; keep them to 2000", DeskRules.Instructions(new string('x', 2001)));
        Assert.Null(DeskRules.Instructions("Never page for prescription refills.\nED transfers: page the doctor first."));
        Assert.Null(DeskRules.LivePerson("operators-during-hours", out var policy));
        Assert.Equal(LivePersonPolicy.OperatorsDuringHours, policy);
        Assert.Equal("livePerson 'operators' is not one of: operators-first, doctor-direct, operators-during-hours", DeskRules.LivePerson("operators", out _));
        Assert.Equal(DeskRules.HoursNeeded, DeskRules.Hours(LivePersonPolicy.OperatorsDuringHours, WeeklyHours.Closed));
        Assert.Null(DeskRules.Hours(LivePersonPolicy.OperatorsFirst, WeeklyHours.Closed));
    }
}
