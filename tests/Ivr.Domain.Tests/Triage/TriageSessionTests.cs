using Ivr.Domain.Triage;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Domain.Tests.Triage;

/// <summary>Needs nothing: the triage engine's rules, driven one answer at a time with a fake clock.</summary>
public sealed class TriageSessionTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 3, 10, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    private TriageSession Session() => new("nurse-garcia", _time);

    [Fact]
    public void TheFirstYesSetsTheDispositionAndItsCareAdviceAndAsksNoMore()
    {
        var session = Session();
        session.Use(TestProtocols.Fever());

        Assert.Null(session.Answer(yes: false));
        Assert.Equal("under-3-months", session.CurrentQuestion!.Id);
        var reached = session.Answer(yes: true);

        Assert.Equal(Disposition.EmergencyDepartmentNow, reached);
        Assert.Null(session.CurrentQuestion);
        Assert.Equal("Go to the emergency department now.", session.CurrentCareAdvice);
        Assert.Equal(Disposition.EmergencyDepartmentNow, session.Computed);
        var refused = Assert.Throws<TriageException>(() => session.Answer(yes: true));
        Assert.Contains("has reached its disposition", refused.Message);
    }

    [Fact]
    public void NoToEveryQuestionGivesTheDefaultWithItsHomeCareAdvice()
    {
        var session = Session();
        session.Use(TestProtocols.Fever());

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(session.Answer(yes: false));
        }

        Assert.Equal(Disposition.HomeCare, session.Answer(yes: false));
        Assert.Equal("Give fluids; a fever reducer by weight; call back if worse.", session.CurrentCareAdvice);
    }

    [Fact]
    public void SeveralProtocolsInOneCallComputeTheMostUrgentReachedAndKeepEachOnThePathway()
    {
        var session = Session();
        session.Use(TestProtocols.Rash());
        session.Answer(yes: false);
        session.Answer(yes: true);
        _time.Advance(TimeSpan.FromMinutes(2));
        session.Use(TestProtocols.Fever());
        session.Answer(yes: false);
        session.Answer(yes: false);
        session.Answer(yes: false);
        session.Answer(yes: true);
        _time.Advance(TimeSpan.FromMinutes(1));

        var pathway = session.Complete("mother calm, will call back");

        Assert.Equal(Disposition.SeeToday, pathway.Computed);
        Assert.Equal(Disposition.SeeToday, pathway.Final);
        Assert.Equal(["rash-after-immunization", "fever-child"], pathway.Protocols.Select(p => p.Id));
        Assert.Equal([Disposition.SeeToday, Disposition.Within24Hours], pathway.Protocols.Select(p => p.Reached!.Value));
        Assert.Equal(["See a clinician today.", "Book a visit within 24 hours."], pathway.CareAdviceGiven);
        Assert.Equal(4, pathway.Protocols[1].Answers.Count);
        Assert.Equal(Start.AddMinutes(2), pathway.Protocols[1].StartedAt);
        Assert.Equal(Start, pathway.StartedAt);
        Assert.Equal(Start.AddMinutes(3), pathway.CompletedAt);
        Assert.Equal("mother calm, will call back", pathway.Note);
        Assert.Equal(TriageActions.UrgentMessage | TriageActions.AppointmentRequest, pathway.Actions);
        Assert.False(pathway.NeedsPhysicianReview);
    }

    [Fact]
    public void BackUndoesTheLastAnswerEvenOneThatReachedADispositionAndCrossesIntoThePreviousProtocol()
    {
        var session = Session();
        session.Use(TestProtocols.Rash());
        session.Answer(yes: false);
        session.Answer(yes: true);

        Assert.True(session.Back());
        Assert.Null(session.Computed);
        Assert.Equal("purple-spots", session.CurrentQuestion!.Id);
        session.Answer(yes: false);
        Assert.Equal(Disposition.HomeCare, session.Computed);

        session.Use(TestProtocols.Fever());
        Assert.True(session.Back());
        Assert.Equal("rash-after-immunization", session.Current!.Id);
        Assert.Equal("purple-spots", session.CurrentQuestion!.Id);
        Assert.True(session.Back());
        Assert.False(session.Back());
        Assert.Equal("hives-swelling", session.CurrentQuestion!.Id);
    }

    [Fact]
    public void AProtocolLeftPartWayStaysUnfinishedAndAddsNoDisposition()
    {
        var session = Session();
        session.Use(TestProtocols.Fever());
        session.Answer(yes: false);
        session.Use(TestProtocols.Rash());
        session.Answer(yes: false);
        session.Answer(yes: false);

        var pathway = session.Complete();

        Assert.Null(pathway.Protocols[0].Reached);
        Assert.Single(pathway.Protocols[0].Answers);
        Assert.Equal(Disposition.HomeCare, pathway.Computed);
        Assert.Throws<TriageException>(() => session.Answer(yes: true));
    }

    [Fact]
    public void AProtocolPickedByMistakeBeforeAnyAnswerIsReplacedAndOneAlreadyAnsweredCannotStartAgain()
    {
        var session = Session();
        session.Use(TestProtocols.Rash());
        session.Use(TestProtocols.Fever());
        session.Answer(yes: false);

        Assert.Equal(["fever-child"], session.Protocols.Select(p => p.Id));
        var refused = Assert.Throws<TriageException>(() => session.Use(TestProtocols.Fever("2")));
        Assert.Contains("already used in this call", refused.Message);
    }

    [Fact]
    public void AnUpwardOverrideNeedsAReasonAndNoReview()
    {
        var session = Session();
        session.Use(TestProtocols.Rash());
        session.Answer(yes: false);
        session.Answer(yes: false);

        Assert.Throws<TriageException>(() => session.OverrideTo(Disposition.SeeToday, "  "));
        _time.Advance(TimeSpan.FromSeconds(30));
        var up = session.OverrideTo(Disposition.SeeToday, "mother very worried, first child");
        var pathway = session.Complete();

        Assert.Equal(OverrideDirection.Up, up.Direction);
        Assert.False(up.NeedsPhysicianReview);
        Assert.Equal(new TriageOverride(Disposition.HomeCare, Disposition.SeeToday, "mother very worried, first child", "nurse-garcia", Start.AddSeconds(30)), pathway.Override);
        Assert.Equal(Disposition.HomeCare, pathway.Computed);
        Assert.Equal(Disposition.SeeToday, pathway.Final);
        Assert.False(pathway.NeedsPhysicianReview);
    }

    [Fact]
    public void ADownwardOverrideNeedsAReasonAndPutsTheTriageOnThePhysiciansReviewList()
    {
        var session = Session();
        session.Use(TestProtocols.Fever());
        session.Answer(yes: true);

        var noReason = Assert.Throws<TriageException>(() => session.OverrideTo(Disposition.SeeToday, ""));
        var down = session.OverrideTo(Disposition.EmergencyDepartmentNow, "child pink and breathing easily on a second look");
        var pathway = session.Complete();

        Assert.Contains("reviewed by the on-call physician", noReason.Message);
        Assert.Equal(OverrideDirection.Down, down.Direction);
        Assert.True(down.NeedsPhysicianReview);
        Assert.True(pathway.NeedsPhysicianReview);
        Assert.Equal(Disposition.Call911Now, pathway.Computed);
        Assert.Equal(Disposition.EmergencyDepartmentNow, pathway.Final);
        Assert.Equal(TriageActions.PagePhysicianNow | TriageActions.OfferPatch, pathway.Actions);
    }

    [Fact]
    public void AnOverrideNeedsADispositionToMoveAndFreezesTheAnswersUntilUndone()
    {
        var session = Session();
        session.Use(TestProtocols.Fever());
        Assert.Throws<TriageException>(() => session.OverrideTo(Disposition.SeeToday, "why"));
        session.Answer(yes: false);
        session.Answer(yes: true);
        Assert.Throws<TriageException>(() => session.OverrideTo(Disposition.EmergencyDepartmentNow, "same"));

        session.OverrideTo(Disposition.Call911Now, "sounds worse on the phone");
        Assert.Throws<TriageException>(() => session.Back());
        session.UndoOverride();

        Assert.True(session.Back());
        Assert.Null(session.Override);
        Assert.Throws<TriageException>(() => session.Complete());
    }

    [Fact]
    public void ACompleteTriageCannotChange()
    {
        var session = Session();
        session.Use(TestProtocols.Rash());
        session.Answer(yes: true);
        session.Complete();

        Assert.Throws<TriageException>(() => session.Back());
        Assert.Throws<TriageException>(() => session.Complete());
        Assert.Throws<TriageException>(() => session.Use(TestProtocols.Fever()));
    }

    [Fact]
    public void ATriageUsesTheVersionItWasGivenAndThePathwayNamesIt()
    {
        var session = Session();
        var changed = TestProtocols.Fever("2") with
        {
            Questions = [new("not-breathing", "Is the child struggling to breathe?", Disposition.Call911Now)],
        };
        session.Use(changed);
        session.Answer(yes: false);

        var pathway = session.Complete();

        Assert.Equal("2", pathway.Protocols[0].Version);
        Assert.Equal("Is the child struggling to breathe?", pathway.Protocols[0].Answers[0].Question);
        Assert.Equal(Disposition.HomeCare, pathway.Computed);
    }
}
