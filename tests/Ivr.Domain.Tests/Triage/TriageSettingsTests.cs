using Ivr.Domain.Triage;

namespace Ivr.Domain.Tests.Triage;

/// <summary>Needs nothing: a practice's triage action mapping, its defaults, its words and its rules.</summary>
public sealed class TriageSettingsTests
{
    [Fact]
    public void TheDefaultsAreTheLaddersDefaultsAndEveryDefaultRungPassesTheRules()
    {
        Assert.True(TriageSettings.Default.IsDefault);
        Assert.All(Dispositions.All, d =>
        {
            Assert.Equal(DispositionActions.For(d), TriageSettings.Default.ActionsFor(d));
            Assert.Null(TriageActionRules.Check(d, DispositionActions.For(d)));
        });
    }

    [Fact]
    public void ARungThePracticeNamedGetsExactlyItsActionsAndTheOthersKeepTheirDefaults()
    {
        var settings = new TriageSettings { Actions = new Dictionary<Disposition, TriageActions> { [Disposition.Within24Hours] = TriageActions.UrgentMessage } };

        Assert.Equal(TriageActions.UrgentMessage, settings.ActionsFor(Disposition.Within24Hours));
        Assert.Equal(DispositionActions.For(Disposition.SeeToday), settings.ActionsFor(Disposition.SeeToday));
        Assert.False(settings.IsDefault);
    }

    [Fact]
    public void NamingARungWithItsDefaultActionsIsStillTheDefault()
    {
        var settings = new TriageSettings { Actions = new Dictionary<Disposition, TriageActions> { [Disposition.HomeCare] = TriageActions.MorningReport } };

        Assert.True(settings.IsDefault);
    }

    [Fact]
    public void EveryFlagHasAWordThatParsesBack()
    {
        var all = Enum.GetValues<TriageActions>().Where(a => a != TriageActions.None).ToList();

        Assert.All(all, flag =>
        {
            var word = Assert.Single(TriageActionRules.Names(flag));
            Assert.True(TriageActionRules.TryParse(word, out var parsed));
            Assert.Equal(flag, parsed);
        });
        Assert.Equal(["urgent-message", "appointment-request"], TriageActionRules.Names(TriageActions.UrgentMessage | TriageActions.AppointmentRequest));
        Assert.False(TriageActionRules.TryParse("Urgent-Message", out _));
    }

    [Theory]
    [InlineData(TriageActions.UrgentMessage | TriageActions.MorningReport, "see-today: urgent-message and morning-report do not go together (a message is urgent or waits for the morning report)")]
    [InlineData(TriageActions.AppointmentRequest, "see-today reaches no one: it needs urgent-message, morning-report, page-physician-now or urgent-notice-after-call")]
    [InlineData(TriageActions.None, "see-today reaches no one: it needs urgent-message, morning-report, page-physician-now or urgent-notice-after-call")]
    [InlineData(TriageActions.PagePhysicianNow | TriageActions.AppointmentRequest, null)]
    [InlineData(TriageActions.MorningReport, null)]
    public void ARungMustReachSomeoneAndBeUrgentOrRoutineNotBoth(TriageActions actions, string? expected) =>
        Assert.Equal(expected, TriageActionRules.Check(Disposition.SeeToday, actions));
}
