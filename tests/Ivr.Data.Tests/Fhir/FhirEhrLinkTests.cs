using System.Net;
using Hl7.Fhir.Model;
using Ivr.Data.Fhir;
using Ivr.Domain.Appointments;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;

namespace Ivr.Data.Tests.Fhir;

/// <summary>Needs nothing: the three levels against an in-process FHIR server, and what its failures come to.</summary>
public sealed class FhirEhrLinkTests
{
    private static readonly DateTimeOffset Tomorrow9 = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    private static PatientMessage Message(long id, TypedMessage? typed = null, AppointmentRequest? appointment = null, long callId = 1) => new()
    {
        Id = id,
        CallId = callId,
        PracticeId = "riverside",
        Urgency = Urgency.Routine,
        CallbackNumber = "5551234567",
        ReceivedAt = EhrFixture.Night,
        Typed = typed,
        Appointment = appointment,
    };

    private static Slot Slot(string id, string schedule, DateTimeOffset start, Slot.SlotStatus status = Hl7.Fhir.Model.Slot.SlotStatus.Free) => new()
    {
        Id = id,
        Schedule = new ResourceReference("Schedule/" + schedule),
        Status = status,
        Start = start,
        End = start.AddMinutes(20),
    };

    private static void Schedules(FakeEhr ehr)
    {
        ehr.Add(new Schedule { Id = "dr-chen", Actor = [new ResourceReference { Display = "Doctor Chen" }] });
        ehr.Add(new Schedule { Id = "dr-ortiz", Actor = [new ResourceReference { Display = "Doctor Ortiz" }] });
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task FreeSlotsAreSearchedPerScheduleAcrossPagesEarliestFirst(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Book, provider: provider);
        Schedules(fixture.Ehr);
        for (var i = 0; i < 5; i++)
        {
            fixture.Ehr.Add(Slot($"c{i}", "dr-chen", Tomorrow9.AddMinutes(40 * i)));
        }

        fixture.Ehr.Add(Slot("o1", "dr-ortiz", Tomorrow9.AddMinutes(10)));
        fixture.Ehr.Add(Slot("busy", "dr-ortiz", Tomorrow9.AddMinutes(5), Hl7.Fhir.Model.Slot.SlotStatus.Busy));
        fixture.Ehr.Add(Slot("late", "dr-chen", Tomorrow9.AddDays(5)));

        var slots = await fixture.Link.FreeSlotsAsync("riverside", Tomorrow9, Tomorrow9.AddDays(1), 10, CancellationToken.None);

        Assert.Equal(["c0", "o1", "c1", "c2", "c3", "c4"], slots.Select(s => s.SlotId));
        Assert.Equal("Doctor Ortiz", slots[1].Who);
        Assert.Equal("dr-ortiz", slots[1].Schedule);
        var searches = fixture.Ehr.Requests.Where(r => r.Url.AbsolutePath.EndsWith("/Slot", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, searches.Count); // three pages of dr-chen's five, one of dr-ortiz's
        Assert.Contains("status=free", searches[0].Url.Query, StringComparison.Ordinal);
        Assert.Contains("start=ge2026-12-01T14%3A00%3A00Z", searches[0].Url.Query, StringComparison.Ordinal);

        var few = await fixture.Link.FreeSlotsAsync("riverside", Tomorrow9, Tomorrow9.AddDays(1), 2, CancellationToken.None);
        Assert.Equal(["c0", "o1"], few.Select(s => s.SlotId));
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task AnEhrThatIsDownMakesTheSlotSearchUnavailable(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Book, provider: provider);
        Schedules(fixture.Ehr);
        fixture.Ehr.FailNext(HttpStatusCode.OK); // the Schedule read is forgiven
        fixture.Ehr.FailNext(HttpStatusCode.ServiceUnavailable);

        var down = await Assert.ThrowsAsync<EhrUnavailableException>(() => fixture.Link.FreeSlotsAsync("riverside", Tomorrow9, Tomorrow9.AddDays(1), 5, CancellationToken.None));

        Assert.Equal("Slot search: HTTP 503", down.Message);
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task BookingMakesABookedAppointmentAndMarksTheSlotBusyOnItsVersion(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Book, provider: provider);
        Schedules(fixture.Ehr);
        fixture.Ehr.Add(Slot("c0", "dr-chen", Tomorrow9));
        var slot = new EhrSlot("c0", Tomorrow9, Tomorrow9.AddMinutes(20), "dr-chen", "Doctor Chen");

        var result = await fixture.Link.BookAsync("riverside", slot, Message(7, appointment: new AppointmentRequest(null) { Source = AppointmentSource.Phone }), CancellationToken.None);

        Assert.Equal(new EhrResult(EhrOutcome.Done, EhrLevel.Book, "Appointment/1", "booked"), result);
        var appointment = fixture.Ehr.Get<Appointment>("Appointment/1");
        Assert.Equal(Appointment.AppointmentStatus.Booked, appointment.Status);
        Assert.Equal("Slot/c0", Assert.Single(appointment.Slot).Reference);
        var patient = Assert.Single(appointment.Participant);
        Assert.Equal(ParticipationStatus.Accepted, patient.Status);
        Assert.Equal("Patient of answering service message 7", patient.Actor!.Display);
        Assert.Equal(Hl7.Fhir.Model.Slot.SlotStatus.Busy, fixture.Ehr.Get<Slot>("Slot/c0").Status);
        var update = Assert.Single(fixture.Ehr.Requests, r => r.Method == HttpMethod.Put);
        Assert.Equal("W/\"1\"", update.Headers["If-Match"]);
    }

    [Fact]
    public async System.Threading.Tasks.Task ACampaignPatientsBookingIsNamedByCampaignAndPatientAndSaysWhatItReplacesWithoutTheirNameUnlessAllowed()
    {
        using var fixture = new EhrFixture(EhrLevel.Book);
        fixture.Ehr.Add(Slot("c0", "dr-chen", Tomorrow9));
        fixture.Ehr.Add(Slot("c1", "dr-chen", Tomorrow9.AddHours(1)));
        var booking = new EhrBooking("campaign-3-patient-12", "Dr. Chen out Friday", "Maria Lopez", new DateTime(2026, 12, 4, 9, 0, 0));

        var first = await fixture.Link.BookAsync("riverside", new EhrSlot("c0", Tomorrow9, Tomorrow9, string.Empty, string.Empty), booking, CancellationToken.None);
        var again = await fixture.Link.BookAsync("riverside", new EhrSlot("c0", Tomorrow9, Tomorrow9, string.Empty, string.Empty), booking, CancellationToken.None);
        var other = await fixture.Link.BookAsync("riverside", new EhrSlot("c0", Tomorrow9, Tomorrow9, string.Empty, string.Empty), booking with { Key = "campaign-3-patient-13" }, CancellationToken.None);

        Assert.Equal(new EhrResult(EhrOutcome.Done, EhrLevel.Book, "Appointment/1", "booked"), first);
        Assert.Equal(first, again);
        Assert.Equal(EhrOutcome.SlotTaken, other.Outcome);
        var appointment = Assert.Single(fixture.Ehr.All<Appointment>());
        Assert.Equal("campaign-3-patient-12-slot-c0", Assert.Single(appointment.Identifier).Value);
        Assert.Equal("Patient of answering service campaign-3-patient-12", Assert.Single(appointment.Participant).Actor!.Display);
        Assert.Contains("It replaces the appointment of 2026-12-04 09:00 (America/New_York)", appointment.Comment, StringComparison.Ordinal);
        Assert.DoesNotContain("Maria", appointment.Comment, StringComparison.Ordinal);
        Assert.Equal(Hl7.Fhir.Model.Slot.SlotStatus.Busy, fixture.Ehr.Get<Slot>("Slot/c0").Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task ACampaignBookingNamesThePatientWhereTheAgreementAllowsAndIsRefusedBelowTheBookLevel()
    {
        using var allowed = new EhrFixture(EhrLevel.Book, sendText: true);
        allowed.Ehr.Add(Slot("c0", "dr-chen", Tomorrow9));
        var booking = new EhrBooking("campaign-3-patient-12", "Dr. Chen out Friday", "Maria Lopez", null);
        Assert.Equal(EhrOutcome.Done, (await allowed.Link.BookAsync("riverside", new EhrSlot("c0", Tomorrow9, Tomorrow9, string.Empty, string.Empty), booking, CancellationToken.None)).Outcome);
        Assert.Equal("Maria Lopez", Assert.Single(Assert.Single(allowed.Ehr.All<Appointment>()).Participant).Actor!.Display);

        using var propose = new EhrFixture(EhrLevel.Propose);
        propose.Ehr.Add(Slot("c0", "dr-chen", Tomorrow9));
        var refused = await propose.Link.BookAsync("riverside", new EhrSlot("c0", Tomorrow9, Tomorrow9, string.Empty, string.Empty), booking, CancellationToken.None);
        Assert.Equal(EhrOutcome.Refused, refused.Outcome);
        Assert.Empty(propose.Ehr.All<Appointment>());
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task ASecondCallerBookingTheSameSlotOnTheCallFindsItTakenNotTheFirstCallersAppointment(DataProvider provider)
    {
        // On the call the request is not saved yet (id 0): the booking is named by the call, so one caller's retry finds
        // their own appointment and another caller's try finds the slot taken.
        using var fixture = new EhrFixture(EhrLevel.Book, provider: provider);
        fixture.Ehr.Add(Slot("c0", "dr-chen", Tomorrow9));
        var slot = new EhrSlot("c0", Tomorrow9, Tomorrow9.AddMinutes(20), "dr-chen", "Doctor Chen");
        var request = new AppointmentRequest(null) { Source = AppointmentSource.Phone };

        var first = await fixture.Link.BookAsync("riverside", slot, Message(0, appointment: request, callId: 11), CancellationToken.None);
        var again = await fixture.Link.BookAsync("riverside", slot, Message(0, appointment: request, callId: 11), CancellationToken.None);
        var second = await fixture.Link.BookAsync("riverside", slot, Message(0, appointment: request, callId: 12), CancellationToken.None);

        Assert.Equal(EhrOutcome.Done, first.Outcome);
        Assert.Equal(first.Reference, again.Reference);
        Assert.Equal(EhrOutcome.SlotTaken, second.Outcome);
        var appointment = Assert.Single(fixture.Ehr.All<Appointment>());
        Assert.Equal("call-11-slot-c0", Assert.Single(appointment.Identifier).Value);
        Assert.Equal("Patient of answering service call 11", Assert.Single(appointment.Participant).Actor!.Display);
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task ASlotChangedAfterItWasReadIsTakenAndTheAppointmentIsCancelled(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Book, provider: provider);
        fixture.Ehr.Add(Slot("c0", "dr-chen", Tomorrow9));
        fixture.Ehr.AfterSlotRead = () => fixture.Ehr.Get<Slot>("Slot/c0").Meta!.VersionId = "2"; // another caller booked it meanwhile
        var slot = new EhrSlot("c0", Tomorrow9, Tomorrow9.AddMinutes(20), "dr-chen", "Doctor Chen");

        var result = await fixture.Link.BookAsync("riverside", slot, Message(7), CancellationToken.None);

        Assert.Equal(EhrOutcome.SlotTaken, result.Outcome);
        Assert.Equal("Slot update: HTTP 412", result.Detail);
        Assert.Equal(Appointment.AppointmentStatus.Cancelled, fixture.Ehr.Get<Appointment>("Appointment/1").Status);
        var cancel = fixture.Ehr.Requests.Last(r => r.Method == HttpMethod.Put);
        Assert.Equal("W/\"1\"", cancel.Headers["If-Match"]);
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task ASlotNoLongerFreeIsTakenWithoutMakingAnything(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Book, provider: provider);
        fixture.Ehr.Add(Slot("c0", "dr-chen", Tomorrow9, Hl7.Fhir.Model.Slot.SlotStatus.Busy));

        var result = await fixture.Link.BookAsync("riverside", new EhrSlot("c0", Tomorrow9, Tomorrow9.AddMinutes(20), "dr-chen", string.Empty), Message(7), CancellationToken.None);

        Assert.Equal(EhrOutcome.SlotTaken, result.Outcome);
        Assert.Empty(fixture.Ehr.All<Appointment>());
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task AnEhrThatRefusesTheAppointmentWithAConflictHasTheSlotTaken(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Book, provider: provider);
        fixture.Ehr.Add(Slot("c0", "dr-chen", Tomorrow9));
        fixture.Ehr.AfterSlotRead = () => fixture.Ehr.FailNext(HttpStatusCode.Conflict, FakeEhr.Outcome(OperationOutcome.IssueType.Conflict));

        var result = await fixture.Link.BookAsync("riverside", new EhrSlot("c0", Tomorrow9, Tomorrow9.AddMinutes(20), "dr-chen", string.Empty), Message(7), CancellationToken.None);

        Assert.Equal(new EhrResult(EhrOutcome.SlotTaken, EhrLevel.Book, null, "create Appointment: HTTP 409 (conflict)"), result);
        Assert.Equal(Hl7.Fhir.Model.Slot.SlotStatus.Free, fixture.Ehr.Get<Slot>("Slot/c0").Status);
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task ARequestIsProposedWithItsPreferredPeriodsAndNoPatientWordsByDefault(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Propose, provider: provider);
        var request = new AppointmentRequest(null) { Source = AppointmentSource.Desk, Standing = PatientStanding.Existing, Days = PreferredDays.Tuesday | PreferredDays.Thursday, Time = PreferredTime.Morning };

        var result = await fixture.Link.HandOffAsync("riverside", Message(12, EhrFixture.Typed(), request), CancellationToken.None);

        Assert.Equal(new EhrResult(EhrOutcome.Done, EhrLevel.Propose, "Appointment/1", "proposed"), result);
        var post = Assert.Single(fixture.Ehr.Requests, r => r.Method == HttpMethod.Post && r.Url != FakeEhr.TokenUrl);
        Assert.Equal("identifier=urn%3Aivr%3Amessage|12", post.Headers["If-None-Exist"]);
        var appointment = post.Resource<Appointment>();
        Assert.Equal(Appointment.AppointmentStatus.Proposed, appointment.Status);
        Assert.Equal(("urn:ivr:message", "12"), (appointment.Identifier[0].System, appointment.Identifier[0].Value));
        Assert.Equal("Appointment requested: routine (answering service message 12)", appointment.ReasonCode[0].Text);
        Assert.Equal(4, appointment.RequestedPeriod.Count); // Tuesdays and Thursdays of the next two weeks
        Assert.Equal("2026-12-01T08:00:00-05:00", appointment.RequestedPeriod[0].Start);
        Assert.Equal("2026-12-01T12:00:00-05:00", appointment.RequestedPeriod[0].End);
        Assert.Contains("Existing patient. Prefers Tuesday, Thursday mornings.", appointment.Comment, StringComparison.Ordinal);
        Assert.Contains("Listen in the answering service portal, message 12.", appointment.Comment, StringComparison.Ordinal);
        Assert.DoesNotContain("Ann Smith", post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Ear pain", post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("5551234567", post.Body, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task AMessageIsACommunicationAboutTheMatchingPatientWithTheWordsWhereThePracticeAllowsThem(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Inform, sendText: true, provider: provider);
        fixture.Ehr.Add(new Patient { Id = "p9", Name = [new HumanName { Text = "Ann Smith" }], BirthDate = "2019-04-02" });

        var result = await fixture.Link.HandOffAsync("riverside", Message(12, EhrFixture.Typed()), CancellationToken.None);

        Assert.Equal(new EhrResult(EhrOutcome.Done, EhrLevel.Inform, "Communication/1", "informed"), result);
        var communication = fixture.Ehr.Get<Communication>("Communication/1");
        Assert.Equal(EventStatus.Completed, communication.Status);
        Assert.Equal("notification", communication.Category[0].Coding[0].Code);
        Assert.Equal("Patient/p9", communication.Subject!.Reference);
        Assert.Equal(FhirEhrLink.SenderDisplay, communication.Sender!.Display);
        var text = Assert.IsType<FhirString>(communication.Payload[0].Content).Value;
        Assert.Contains("Patient: Ann Smith, born 2019-04-02. Reason: Ear pain for two days.", text, StringComparison.Ordinal);
        Assert.Contains("Callback: 5551234567.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Listen in the answering service portal", text, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task ARetryAfterALostAnswerFindsTheFirstResourceInsteadOfMakingASecond(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Propose, provider: provider);
        var message = Message(12, appointment: new AppointmentRequest(null));

        var first = await fixture.Link.HandOffAsync("riverside", message, CancellationToken.None);
        var second = await fixture.Link.HandOffAsync("riverside", message, CancellationToken.None);

        Assert.Equal("Appointment/1", first.Reference);
        Assert.Equal("Appointment/1", second.Reference);
        Assert.Single(fixture.Ehr.All<Appointment>());
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task DownSlowAndRefusedComeToTryAgainOrRefusedWithoutPatientData(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Inform, provider: provider);

        fixture.Ehr.FailNext(HttpStatusCode.ServiceUnavailable);
        var down = await fixture.Link.HandOffAsync("riverside", Message(1), CancellationToken.None);
        fixture.Ehr.FailNext(HttpStatusCode.TooManyRequests);
        var busy = await fixture.Link.HandOffAsync("riverside", Message(1), CancellationToken.None);
        fixture.Ehr.TimeOutNext();
        var slow = await fixture.Link.HandOffAsync("riverside", Message(1), CancellationToken.None);
        fixture.Ehr.FailNext(HttpStatusCode.Forbidden, FakeEhr.Outcome(OperationOutcome.IssueType.Forbidden));
        var forbidden = await fixture.Link.HandOffAsync("riverside", Message(1), CancellationToken.None);
        fixture.Ehr.FailNext(HttpStatusCode.UnprocessableEntity, FakeEhr.Outcome(OperationOutcome.IssueType.Required));
        var invalid = await fixture.Link.HandOffAsync("riverside", Message(1), CancellationToken.None);

        Assert.Equal(new EhrResult(EhrOutcome.TryAgain, EhrLevel.Inform, null, "create Communication: HTTP 503"), down);
        Assert.Equal(EhrOutcome.TryAgain, busy.Outcome);
        Assert.Equal(new EhrResult(EhrOutcome.TryAgain, EhrLevel.Inform, null, "EHR did not answer in time"), slow);
        Assert.Equal(new EhrResult(EhrOutcome.Refused, EhrLevel.Inform, null, "create Communication: HTTP 403 (forbidden)"), forbidden);
        Assert.Equal("create Communication: HTTP 422 (required)", invalid.Detail);
        Assert.Empty(fixture.Ehr.All<Communication>());
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task A401AfterAFreshTokenIsRefused(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Inform, provider: provider);
        fixture.Ehr.FailNext(HttpStatusCode.Unauthorized);
        fixture.Ehr.FailNext(HttpStatusCode.Unauthorized);

        var result = await fixture.Link.HandOffAsync("riverside", Message(1), CancellationToken.None);

        Assert.Equal(new EhrResult(EhrOutcome.Refused, EhrLevel.Inform, null, "create Communication: HTTP 401 after a fresh token"), result);
        Assert.Equal(2, fixture.Ehr.TokensIssued);
    }
}
