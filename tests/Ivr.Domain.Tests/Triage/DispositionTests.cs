using Ivr.Domain.Triage;

namespace Ivr.Domain.Tests.Triage;

/// <summary>Needs nothing: the ladder's order and codes, what each rung does, the protocol rules and the search.</summary>
public sealed class DispositionTests
{
    [Fact]
    public void TheLadderRunsFrom911ToHomeCareWithOneCodeEach()
    {
        Assert.Equal(
            ["call-911-now", "ed-now", "see-now", "see-today", "within-24-hours", "within-3-days", "within-2-weeks", "home-care"],
            Dispositions.All.Select(Dispositions.Code));
        Assert.All(Dispositions.All, d => Assert.True(Dispositions.TryParse(Dispositions.Code(d), out var back) && back == d));
        Assert.False(Dispositions.TryParse("ED-NOW", out _));
        Assert.True(Disposition.Call911Now.IsMoreUrgent(Disposition.EmergencyDepartmentNow));
        Assert.Equal(Disposition.SeeToday, Dispositions.MostUrgent(Disposition.Within3Days, Disposition.SeeToday));
    }

    [Theory]
    [InlineData(Disposition.Call911Now, TriageActions.TellCallerToCall911 | TriageActions.UrgentNoticeAfterCall)]
    [InlineData(Disposition.EmergencyDepartmentNow, TriageActions.PagePhysicianNow | TriageActions.OfferPatch)]
    [InlineData(Disposition.SeeClinicianNow, TriageActions.UrgentMessage | TriageActions.AppointmentRequest)]
    [InlineData(Disposition.SeeToday, TriageActions.UrgentMessage | TriageActions.AppointmentRequest)]
    [InlineData(Disposition.Within24Hours, TriageActions.AppointmentRequest | TriageActions.MorningReport)]
    [InlineData(Disposition.Within3Days, TriageActions.AppointmentRequest | TriageActions.MorningReport)]
    [InlineData(Disposition.Within2Weeks, TriageActions.AppointmentRequest | TriageActions.MorningReport)]
    [InlineData(Disposition.HomeCare, TriageActions.MorningReport)]
    public void EachDispositionActsAsTheIssueLists(Disposition disposition, TriageActions actions) =>
        Assert.Equal(actions, DispositionActions.For(disposition));

    [Fact]
    public void AProtocolWhoseQuestionsAreNotFromHighestToLowestAcuityIsRefused()
    {
        var fever = TestProtocols.Fever();
        var shuffled = fever with { Questions = [fever.Questions[2], fever.Questions[0], fever.Questions[3]], DefaultDisposition = Disposition.SeeToday };

        var problems = ProtocolRules.Check(shuffled);

        Assert.Empty(ProtocolRules.Check(fever));
        Assert.Contains(problems, p => p.StartsWith("question 'not-breathing' (call-911-now) is more urgent than 'stiff-neck'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("the default (see-today) is more urgent than the last question 'over-3-days'", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoVersionsCompareByContent()
    {
        Assert.True(TestProtocols.Fever().SameContentAs(TestProtocols.Fever()));
        Assert.False(TestProtocols.Fever().SameContentAs(TestProtocols.Fever() with { SearchWords = ["warm"] }));
    }

    [Fact]
    public void TheSearchMatchesTheStartOfTitleAndSearchWords()
    {
        TriageProtocol[] all = [TestProtocols.Fever(), TestProtocols.Rash()];

        Assert.Equal(["fever-child"], ProtocolSearch.Find(all, "Temp").Select(p => p.Id));
        Assert.Equal(["rash-after-immunization"], ProtocolSearch.Find(all, "vaccine rash").Select(p => p.Id));
        Assert.Empty(ProtocolSearch.Find(all, "fever", ProtocolAudience.Adult));
        Assert.Equal(2, ProtocolSearch.Find(all, "").Count);
    }
}
