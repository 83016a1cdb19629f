using Ivr.Domain.Appointments;
using Ivr.Domain.Messages;
using Ivr.Domain.Triage;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Domain.Tests.Triage;

/// <summary>Needs nothing: what a finished triage makes (the message, its urgency, its reason line, the review flag), without HTTP or a database.</summary>
public sealed class TriageFinishTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 3, 10, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly TriagePatient Patient = new("Ann Smith", "Max Smith", "2026-10-01", "(555) 201-3344", true);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public void EmergencyDepartmentNowIsAnUrgentTypedMessageWhoseReasonSaysTheDispositionFirst()
    {
        var pathway = Work(TestProtocols.Fever(), false, true);

        var outcome = TriageFinish.Decide(pathway, Patient, 42, "riverside", "5552013344");

        Assert.Equal(Urgency.Urgent, outcome.Urgency);
        Assert.Equal("triage: emergency department now, fever in a child, nurse garcia", outcome.Message.Typed!.Reason);
        Assert.True(outcome.Message.Typed.IsTriage);
        Assert.Equal("garcia", outcome.Message.Typed.TakenBy);
        Assert.Equal("Max Smith", outcome.Message.Typed.PatientName);
        Assert.Equal("5552013344", outcome.Message.CallbackNumber);
        Assert.Equal(42, outcome.Message.CallId);
        Assert.Equal("riverside", outcome.Message.PracticeId);
        Assert.Equal(Start.AddMinutes(2), outcome.Message.ReceivedAt);
        Assert.Equal(TriageActions.PagePhysicianNow | TriageActions.OfferPatch, outcome.Actions);
        Assert.False(outcome.NeedsPhysicianReview);
        Assert.Contains("yes: Is the child under 3 months old", outcome.Message.Typed.Notes);
        Assert.Contains("no: Is the child struggling to breathe", outcome.Message.Typed.Notes);
        Assert.Contains("advice given: Go to the emergency department now.", outcome.Message.Typed.Notes);
        Assert.Contains("(version 1, example, not for clinical use)", outcome.Message.Typed.Notes);
    }

    [Fact]
    public void CallNineOneOneNowSaysFirstThatTheCallerWasToldToHangUpAndCall911()
    {
        var outcome = TriageFinish.Decide(Work(TestProtocols.Fever(), true), Patient, 42, "riverside", null);

        Assert.Equal("triage: call 911 now (caller told to hang up and call 911), fever in a child, nurse garcia", outcome.Message.Typed!.Reason);
        Assert.StartsWith("Disposition: call 911 now\nThe caller was told to hang up and call 911.", outcome.Message.Typed.Notes, StringComparison.Ordinal);
        Assert.Equal(Urgency.Urgent, outcome.Urgency);
    }

    [Fact]
    public void OnlyCallNineOneOneNowSpeaksOfCalling911()
    {
        var outcome = TriageFinish.Decide(Work(TestProtocols.Fever(), false, true), Patient, 42, "riverside", null);

        Assert.DoesNotContain("told to hang up", outcome.Message.Typed!.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("told to hang up", outcome.Message.Typed.Notes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Disposition.Call911Now, Urgency.Urgent)]
    [InlineData(Disposition.EmergencyDepartmentNow, Urgency.Urgent)]
    [InlineData(Disposition.SeeClinicianNow, Urgency.Urgent)]
    [InlineData(Disposition.SeeToday, Urgency.Urgent)]
    [InlineData(Disposition.Within24Hours, Urgency.Routine)]
    [InlineData(Disposition.Within3Days, Urgency.Routine)]
    [InlineData(Disposition.Within2Weeks, Urgency.Routine)]
    [InlineData(Disposition.HomeCare, Urgency.Routine)]
    public void SeeTodayAndMoreUrgentPageNowTheRestGoToTheMorningReport(Disposition final, Urgency expected) =>
        Assert.Equal(expected, TriageFinish.UrgencyOf(final));

    [Fact]
    public void NoToEveryQuestionIsARoutineHomeCareMessageWithTheHomeCareAdvice()
    {
        var pathway = Work(TestProtocols.Fever(), false, false, false, false);

        var outcome = TriageFinish.Decide(pathway, Patient, 42, "riverside", null);

        Assert.Equal(Urgency.Routine, outcome.Urgency);
        Assert.Null(outcome.Message.UrgencyReason);
        Assert.StartsWith("triage: home care, fever in a child, nurse garcia", outcome.Message.Typed!.Reason);
        Assert.Contains("advice given: Give fluids", outcome.Message.Typed.Notes);
        Assert.Equal(TriageActions.MorningReport, outcome.Actions);
    }

    [Fact]
    public void ADowngradeIsRoutineWhenItsFinalIsAndTheMessageAndFlagSayThePhysicianReviewsIt()
    {
        var session = Session();
        session.Use(TestProtocols.Rash());
        session.Answer(yes: false);
        session.Answer(yes: true);
        session.OverrideTo(Disposition.Within24Hours, "spots fade on the glass test, child playing");
        _time.Advance(TimeSpan.FromMinutes(1));
        var pathway = session.Complete("mother will call back if worse");

        var outcome = TriageFinish.Decide(pathway, Patient, 42, "riverside", null);

        Assert.True(outcome.NeedsPhysicianReview);
        Assert.Equal(Urgency.Routine, outcome.Urgency);
        Assert.Equal("triage: see within 24 hours, rash after an immunization, nurse garcia; downgraded from see today: for the on-call physician's review", outcome.Message.Typed!.Reason);
        Assert.Contains("overridden down from see today by nurse garcia: spots fade on the glass test", outcome.Message.Typed.Notes);
        Assert.Contains("This downgrade is on the on-call physician's review list.", outcome.Message.Typed.Notes);
        Assert.Contains("Nurse's note: mother will call back if worse", outcome.Message.Typed.Notes);
    }

    [Fact]
    public void AnUpgradeActsOnTheFinalDispositionAndNeedsNoReview()
    {
        var session = Session();
        session.Use(TestProtocols.Fever());
        for (var i = 0; i < 4; i++)
        {
            session.Answer(yes: false);
        }

        session.OverrideTo(Disposition.SeeToday, "mother very worried, child not drinking");
        var pathway = session.Complete();

        var outcome = TriageFinish.Decide(pathway, Patient, 42, "riverside", null);

        Assert.False(outcome.NeedsPhysicianReview);
        Assert.Equal(Urgency.Urgent, outcome.Urgency);
        Assert.Equal("triage: see today, fever in a child, nurse garcia; raised from home care", outcome.Message.Typed!.Reason);
        Assert.Equal(TriageActions.UrgentMessage | TriageActions.AppointmentRequest, outcome.Actions);
    }

    [Fact]
    public void SeveralProtocolsNameTheOneThatReachedTheMostUrgentDisposition()
    {
        var session = Session();
        session.Use(TestProtocols.Fever());
        for (var i = 0; i < 4; i++)
        {
            session.Answer(yes: false);
        }

        session.Use(TestProtocols.Rash());
        session.Answer(yes: false);
        session.Answer(yes: true);
        var outcome = TriageFinish.Decide(session.Complete(), Patient, 42, "riverside", null);

        Assert.StartsWith("triage: see today, rash after an immunization, nurse garcia", outcome.Message.Typed!.Reason);
        Assert.Contains("Fever in a child (version 1", outcome.Message.Typed.Notes);
        Assert.Contains("Rash after an immunization (version 1)", outcome.Message.Typed.Notes);
    }

    [Fact]
    public void LongNotesAreCutToTheFormsLimitAndTheReasonStaysOneLine()
    {
        var session = Session();
        session.Use(TestProtocols.Fever() with { Title = "Fever\nin a child " + new string('x', 300) });
        session.Answer(yes: true);
        var pathway = session.Complete(new string('n', 1990));

        var outcome = TriageFinish.Decide(pathway, Patient, 42, "riverside", null);

        Assert.True(outcome.Message.Typed!.Reason.Length <= 200);
        Assert.DoesNotContain('\n', outcome.Message.Typed.Reason);
        Assert.True(outcome.Message.Typed.Notes.Length <= 2000);
        Assert.EndsWith("[...]", outcome.Message.Typed.Notes);
    }

    [Fact]
    public void ThePatientFieldsAreCheckedLikeTheDesksFormAndDecideRefusesThemUnchecked()
    {
        var bad = new TriagePatient("", "Max", "2030-01-01", "12", false);

        var errors = TriageFinish.Check(bad, Today);

        Assert.Equal(["callbackNumber", "callbackReadBack", "callerName", "dateOfBirth"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(TriageFinish.Check(Patient, Today));
        Assert.Throws<ArgumentException>(() => TriageFinish.Decide(Work(TestProtocols.Fever(), true), bad, 42, "riverside", null));
    }

    [Fact]
    public void ThePracticesMappingDecidesTheActionsAndTheUrgency()
    {
        var settings = new TriageSettings
        {
            Actions = new Dictionary<Disposition, TriageActions>
            {
                [Disposition.HomeCare] = TriageActions.UrgentMessage,
                [Disposition.EmergencyDepartmentNow] = TriageActions.MorningReport,
            },
        };

        var homeCare = TriageFinish.Decide(Work(TestProtocols.Fever(), false, false, false, false), Patient, 42, "riverside", null, settings);
        var edNow = TriageFinish.Decide(Work(TestProtocols.Fever(), false, true), Patient, 42, "riverside", null, settings);

        Assert.Equal((Urgency.Urgent, TriageActions.UrgentMessage), (homeCare.Urgency, homeCare.Actions));
        Assert.Equal("nurse triage: home care", homeCare.Message.UrgencyReason);
        Assert.Equal((Urgency.Routine, TriageActions.MorningReport), (edNow.Urgency, edNow.Actions));
        Assert.Null(edNow.Message.UrgencyReason);
    }

    [Fact]
    public void APracticeThatDoesNotTellTheCallerToCall911HasNoSuchLine()
    {
        var settings = new TriageSettings { Actions = new Dictionary<Disposition, TriageActions> { [Disposition.Call911Now] = TriageActions.PagePhysicianNow } };

        var outcome = TriageFinish.Decide(Work(TestProtocols.Fever(), true), Patient, 42, "riverside", null, settings);

        Assert.Equal("triage: call 911 now, fever in a child, nurse garcia", outcome.Message.Typed!.Reason);
        Assert.DoesNotContain("told to hang up", outcome.Message.Typed.Notes, StringComparison.Ordinal);
        Assert.Equal(Urgency.Urgent, outcome.Urgency);
    }

    [Theory]
    [InlineData(TriageActions.UrgentMessage, Urgency.Urgent)]
    [InlineData(TriageActions.PagePhysicianNow, Urgency.Urgent)]
    [InlineData(TriageActions.UrgentNoticeAfterCall | TriageActions.TellCallerToCall911, Urgency.Urgent)]
    [InlineData(TriageActions.MorningReport | TriageActions.AppointmentRequest, Urgency.Routine)]
    [InlineData(TriageActions.MorningReport | TriageActions.OfferPatch, Urgency.Routine)]
    public void UrgencyFollowsTheActions(TriageActions actions, Urgency expected) =>
        Assert.Equal(expected, TriageFinish.UrgencyOf(actions));

    [Fact]
    public void SeeTodayLeavesAnAppointmentRequestForTodayAndTheNotesSayIt()
    {
        var session = Session();
        session.Use(TestProtocols.Rash());
        session.Answer(yes: false);
        session.Answer(yes: true);

        var outcome = TriageFinish.Decide(session.Complete(), Patient, 42, "riverside", null);

        Assert.Equal(new AppointmentRequest(Disposition.SeeToday), outcome.Message.Appointment);
        Assert.Contains("\nAppointment requested: today.", outcome.Message.Typed!.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void HomeCareLeavesNoAppointmentRequestUnlessThePracticeAsksForOne()
    {
        var pathway = Work(TestProtocols.Fever(), false, false, false, false);
        var settings = new TriageSettings { Actions = new Dictionary<Disposition, TriageActions> { [Disposition.HomeCare] = TriageActions.MorningReport | TriageActions.AppointmentRequest } };

        var byDefault = TriageFinish.Decide(pathway, Patient, 42, "riverside", null);
        var asked = TriageFinish.Decide(pathway, Patient, 42, "riverside", null, settings);

        Assert.Null(byDefault.Message.Appointment);
        Assert.DoesNotContain("Appointment requested", byDefault.Message.Typed!.Notes, StringComparison.Ordinal);
        Assert.Equal(Disposition.HomeCare, asked.Message.Appointment!.Window);
        Assert.Contains("Appointment requested: routine (home care).", asked.Message.Typed!.Notes, StringComparison.Ordinal);
    }

    private TriageSession Session() => new("garcia", _time);

    private TriagePathway Work(TriageProtocol protocol, params bool[] answers)
    {
        var session = Session();
        session.Use(protocol);
        foreach (var yes in answers)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            session.Answer(yes);
        }

        return session.Complete();
    }
}
