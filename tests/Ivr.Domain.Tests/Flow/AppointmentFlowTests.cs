using Ivr.Domain.Appointments;
using Ivr.Domain.Ehr;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Tests.Support;
using static Ivr.Domain.Tests.Support.CallerStep;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: a caller's appointment request, with a scripted caller and a fake EHR.</summary>
public sealed class AppointmentFlowTests
{
    // The harness's clock starts on Sunday 22 November 2026, 02:10 in New York (the practice's zone).
    private static readonly EhrSlot MondayMorning = Slot("m1", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(-5)));
    private static readonly EhrSlot MondayAfternoon = Slot("m2", new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.FromHours(-5)));
    private static readonly EhrSlot TuesdayMorning = Slot("t1", new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.FromHours(-5)));
    private static readonly EhrSlot TuesdayAfternoon = Slot("t2", new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.FromHours(-5)));
    private static readonly EhrSlot WednesdayMorning = Slot("w1", new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(-5)));
    private static readonly EhrSlot SaturdayMorning = Slot("s1", new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.FromHours(-5)));

    /// <summary>Existing patient, name, date of birth confirmed, the caller id as callback, Wednesdays, mornings, the reason.</summary>
    private static CallerStep[] Request(params CallerStep[] then) =>
        [Key('2'), new Speak(2), new Digits("03051990"), Key('1'), Key('1'), Key('2'), Key('3'), Key('1'), new Speak(12), .. then];

    /// <summary>New patient, weekdays, any time of day.</summary>
    private static CallerStep[] WeekdaysRequest(params CallerStep[] then) =>
        [Key('1'), new Speak(2), new Digits("03051990"), Key('1'), Key('1'), Key('1'), Key('3'), new Speak(12), .. then];

    [Fact]
    public async Task FullRequestIsSavedAsARoutineRequestOfItsOwnKindBeforeTheCallerHearsItWasReceived()
    {
        var call = new CallFlowHarness(Request());
        var session = await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        var message = Assert.Single(call.Messages.All);
        var request = Assert.IsType<AppointmentRequest>(message.Appointment);
        Assert.Equal(AppointmentSource.Phone, request.Source);
        Assert.Null(request.Window);
        Assert.Equal(PatientStanding.Existing, request.Standing);
        Assert.Equal(new DateOnly(1990, 3, 5), request.BirthDate);
        Assert.Equal(PreferredDays.Wednesday, request.Days);
        Assert.Equal(PreferredTime.Morning, request.Time);
        Assert.Null(request.Booked);
        Assert.Equal(Urgency.Routine, message.Urgency);
        Assert.False(message.Partial);
        Assert.Equal(CallFlowHarness.CallerId, message.CallbackNumber);
        Assert.EndsWith("-name-1.wav", message.NameRecording);
        Assert.EndsWith("-message-2.wav", message.MessageRecording);
        Assert.Contains("date 1990-03-05", call.Log);

        var log = call.Log.ToList();
        Assert.True(log.IndexOf("saved message 1") < log.IndexOf("play appointment-received"), "The caller was told before the request was saved.");
        Assert.DoesNotContain("play appointment-slots-intro", log);
        Assert.Equal(CallOutcome.MessageTaken, session.Outcome);
        Assert.Contains("routine appointment request 1", session.OutcomeDetail);
        Assert.Equal(nameof(CallState.AppointmentStanding), call.StatesEntered.First());

        // The timeline never holds the date of birth.
        Assert.DoesNotContain(call.Events, e => e.Detail.Contains("1990") || e.Detail.Contains("0305"));
    }

    [Fact]
    public async Task HangupAfterTheNameSavesAPartialRequest()
    {
        var call = new CallFlowHarness([Key('1'), new Speak(3), new HangUp()]);
        await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        var message = Assert.Single(call.Messages.All);
        Assert.True(message.Partial);
        Assert.Equal(Urgency.Routine, message.Urgency);
        Assert.Equal(PatientStanding.New, message.Appointment!.Standing);
        Assert.Null(message.Appointment.BirthDate);
        Assert.NotNull(message.NameRecording);
        Assert.DoesNotContain("play appointment-received", call.Log);
    }

    [Fact]
    public async Task HangupBeforeAnythingWasSaidSavesNothing()
    {
        var call = new CallFlowHarness([new HangUp()]);
        var session = await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        Assert.Empty(call.Messages.All);
        Assert.Equal(CallOutcome.CallerHungUp, session.Outcome);
    }

    [Fact]
    public async Task InvalidDateOfBirthIsAskedAgainAndNeverWrittenDown()
    {
        var call = new CallFlowHarness([Key('2'), new Speak(2), new Digits("02301990"), new Digits("0305199"), new Digits("07041976"), Key('1'), Key('1'), Key('3'), Key('3'), new Speak(5)]);
        await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        Assert.Equal(3, call.Log.Count(l => l == "play appointment-birth-date"));
        Assert.Equal(2, call.Log.Count(l => l == "play appointment-birth-date-invalid"));
        Assert.Equal(new DateOnly(1976, 7, 4), Assert.Single(call.Messages.All).Appointment!.BirthDate);
        Assert.Contains(call.Events, e => e.Name == "appointment-birth-date" && e.Detail.Contains("7 digit(s): not a date of birth"));
        Assert.DoesNotContain(call.Events, e => e.Detail.Contains("0230") || e.Detail.Contains("1976"));
    }

    [Fact]
    public async Task DateOfBirthTheCallerRejectsOnTheReadBackIsKeyedAgain()
    {
        var call = new CallFlowHarness([Key('2'), new Speak(2), new Digits("03051990"), Key('2'), new Digits("03061990"), Key('1'), Key('1'), Key('3'), Key('3'), new Speak(5)]);
        await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        Assert.Equal(["date 1990-03-05", "date 1990-03-06"], call.Log.Where(l => l.StartsWith("date ", StringComparison.Ordinal)));
        Assert.Equal(new DateOnly(1990, 3, 6), Assert.Single(call.Messages.All).Appointment!.BirthDate);
    }

    [Fact]
    public async Task AnEnteredCallbackNumberIsReadBackAndConfirmedAsForAMessage()
    {
        var call = new CallFlowHarness([Key('2'), new Speak(2), new Digits("03051990"), Key('1'), Key('2'), new Digits("5559876543"), Key('1'), Key('3'), Key('3'), new Speak(5)]);
        await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        Assert.Contains("say 5559876543", call.Log);
        Assert.Equal("5559876543", Assert.Single(call.Messages.All).CallbackNumber);
        Assert.Contains(nameof(CallState.AppointmentCallbackConfirm), call.StatesEntered);
    }

    [Fact]
    public async Task AtTheBookLevelTheFirstThreeFittingTimesAreOfferedAndTheChosenOneIsBookedAndReadBack()
    {
        var ehr = new FakeEhrLink(MondayMorning, MondayAfternoon, TuesdayMorning, TuesdayAfternoon, WednesdayMorning, SaturdayMorning);
        var call = new CallFlowHarness(WeekdaysRequest(new Silence(), new Silence(), Key('2'), new Silence(), Key('1'))) { Practice = Booking(), Ehr = ehr };
        await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        // Offered: the first three on weekdays; Monday afternoon is the second.
        Assert.Equal(["time 2026-11-23 09:00", "time 2026-11-23 14:00", "time 2026-11-23 14:00"], call.Log.Where(l => l.StartsWith("time ", StringComparison.Ordinal)));
        var booked = Assert.Single(ehr.Booked);
        Assert.Equal(MondayAfternoon, booked.Slot);
        Assert.Equal(PatientStanding.New, booked.Message.Appointment!.Standing);
        var request = Assert.Single(call.Messages.All).Appointment!;
        Assert.Equal(new BookedAppointment("Appointment/1", MondayAfternoon.Start, "Doctor Chen"), request.Booked);
        var log = call.Log.ToList();
        Assert.True(log.IndexOf("saved message 1") < log.IndexOf("play appointment-booked"), "The caller heard the booking before the request was saved.");
        Assert.DoesNotContain("play appointment-received", log);
    }

    [Fact]
    public async Task OnlyTimesThatFitTheCallersDaysAndTimeOfDayAreOffered()
    {
        var ehr = new FakeEhrLink(MondayMorning, MondayAfternoon, TuesdayMorning, TuesdayAfternoon, WednesdayMorning, SaturdayMorning);

        // Wednesdays, mornings: one time fits; the caller takes it at once.
        var call = new CallFlowHarness(Request(Key('1'), new Silence(), Key('1'))) { Practice = Booking(), Ehr = ehr };
        await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        Assert.Equal(WednesdayMorning, Assert.Single(ehr.Booked).Slot);
        Assert.DoesNotContain("play outbound-slot-2", call.Log);
    }

    [Fact]
    public async Task ATimeAnotherCallerTookMeanwhileIsSaidSoAndTheNextIsOffered()
    {
        var ehr = new FakeEhrLink(MondayMorning, MondayAfternoon, TuesdayMorning, TuesdayAfternoon);
        ehr.TakenMeanwhile.Add(MondayMorning.SlotId);
        var call = new CallFlowHarness(WeekdaysRequest(Key('1'), new Silence(), Key('1'), Key('1'), new Silence(), Key('1'))) { Practice = Booking(), Ehr = ehr };
        await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        Assert.Contains("play appointment-slot-taken", call.Log);
        Assert.Equal(MondayAfternoon, Assert.Single(ehr.Booked).Slot);
        Assert.Equal(MondayAfternoon.Start, Assert.Single(call.Messages.All).Appointment!.Booked!.Start);
        Assert.Equal(2, ehr.SlotQueries);
    }

    [Fact]
    public async Task AnEhrThatIsDownMeansTheOfficeWillCallAndTheRequestIsSavedUnbooked()
    {
        var ehr = new FakeEhrLink(MondayMorning) { Down = true };
        var call = new CallFlowHarness(WeekdaysRequest()) { Practice = Booking(), Ehr = ehr };
        await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        var message = Assert.Single(call.Messages.All);
        Assert.Null(message.Appointment!.Booked);
        Assert.False(message.Partial);
        var log = call.Log.ToList();
        Assert.True(log.IndexOf("play appointment-office-will-call") < log.IndexOf("play appointment-received"));
        Assert.Contains(call.Events, e => e.Name == "appointment-slots" && e.Detail.Contains("EhrUnavailableException"));
    }

    [Fact]
    public async Task NoFittingTimeMeansTheOfficeWillCall()
    {
        var ehr = new FakeEhrLink(SaturdayMorning);
        var call = new CallFlowHarness(WeekdaysRequest()) { Practice = Booking(), Ehr = ehr };
        await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        Assert.Contains("play appointment-office-will-call", call.Log);
        Assert.Null(Assert.Single(call.Messages.All).Appointment!.Booked);
        Assert.Empty(ehr.Booked);
    }

    [Fact]
    public async Task WithoutTheBookLevelNoTimesAreOffered()
    {
        var ehr = new FakeEhrLink(MondayMorning);
        var call = new CallFlowHarness(WeekdaysRequest()) { Practice = Booking(EhrLevel.Propose), Ehr = ehr };
        await call.RunFromMainMenuAsync(CallTrigger.Appointment);

        Assert.Equal(0, ehr.SlotQueries);
        Assert.Contains("play appointment-received", call.Log);
    }

    [Theory]
    [InlineData("03051990", "1990-03-05")]
    [InlineData("02292024", "2024-02-29")]
    [InlineData("02292023", null)]
    [InlineData("13011990", null)]
    [InlineData("0305199", null)]
    [InlineData("11232026", null)]
    [InlineData("01011890", null)]
    [InlineData("0305199#", null)]
    public void ADateOfBirthIsEightDigitsOfARealDayNotInTheFuture(string digits, string? expected) =>
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), BirthDates.TryRead(digits, new DateOnly(2026, 11, 22)));

    private static EhrSlot Slot(string id, DateTimeOffset start) => new(id, start, start.AddMinutes(20), "schedule-1", "Doctor Chen");

    private static Ivr.Domain.Practices.PracticeProfile Booking(EhrLevel level = EhrLevel.Book) =>
        FixedPracticeDirectory.Practice with { Ehr = new EhrSettings { BaseUrl = new Uri("https://ehr.example/fhir/"), Level = level, Schedules = ["schedule-1"] } };
}
