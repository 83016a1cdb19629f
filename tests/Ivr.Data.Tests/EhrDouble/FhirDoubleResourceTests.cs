// Firely's POCOs declare every element nullable; these tests read what the double just answered.
#nullable disable warnings
using System.Net;
using Hl7.Fhir.Model;
using Ivr.Testing.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Ivr.Data.Tests.EhrDouble;

/// <summary>
/// Needs nothing but the code and the R4 definitions: the FHIR double validates what it receives,
/// honours If-None-Exist and If-Match, books a Slot only once, and pages its searches.
/// </summary>
public sealed class FhirDoubleResourceTests
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 4, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnAppointmentWithoutStatusIsRefusedWithTheValidatorsMessageAndNotKept()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        var appointment = Proposed("m-1");
        appointment.Status = null;

        using var response = await ehr.PostAsync("Appointment", appointment);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var outcome = await DoubleUnderTest.ReadAsync<OperationOutcome>(response);
        Assert.Contains(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error && i.Details.Text.Contains("status", StringComparison.Ordinal));
        Assert.Empty(ehr.Fhir.Stored<Appointment>());
        var received = Assert.Single(ehr.Fhir.Requests, r => r.PathAndQuery.StartsWith("/fhir/", StringComparison.Ordinal));
        Assert.False(received.Validation.Success);
        Assert.IsType<Appointment>(received.Resource);
    }

    [Fact]
    public async Task AnAppointmentWithoutParticipantIsRefused()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        var appointment = Proposed("m-1");
        appointment.Participant.Clear();

        using var response = await ehr.PostAsync("Appointment", appointment);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var outcome = await DoubleUnderTest.ReadAsync<OperationOutcome>(response);
        Assert.Contains(outcome.Issue, i => i.Details.Text.Contains("participant", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABodyThatIsNotFhirIsRefusedWith400()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();

        using var response = await ehr.Http.PostAsync("Communication", new StringContent("""{"resourceType":"Communication","status":"completed","colour":"blue"}""", System.Text.Encoding.UTF8, "application/fhir+json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await DoubleUnderTest.ReadAsync<OperationOutcome>(response)).Issue);
        Assert.Empty(ehr.Fhir.Stored<Communication>());
    }

    [Fact]
    public async Task AValidCreateIsKeptWithItsIdVersionLocationAndLastUpdated()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();

        using var response = await ehr.PostAsync("Appointment", Proposed("m-1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var kept = await DoubleUnderTest.ReadAsync<Appointment>(response);
        Assert.Equal("1", kept.Meta.VersionId);
        Assert.Equal(DoubleUnderTest.Start, kept.Meta.LastUpdated);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        Assert.Equal($"{ehr.Fhir.BaseUrl}/Appointment/{kept.Id}/_history/1", response.Headers.Location?.ToString());
        Assert.Equal(Appointment.AppointmentStatus.Proposed, Assert.Single(ehr.Fhir.Stored<Appointment>()).Status);
        Assert.True(Assert.Single(ehr.Fhir.Requests, r => r.PathAndQuery.StartsWith("/fhir/", StringComparison.Ordinal)).Validation.Success);
    }

    [Fact]
    public async Task IfNoneExistMakesARetryReturnTheFirstResourceInsteadOfASecond()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();

        using var first = await ehr.PostAsync("Communication", Note("m-7"), "identifier=urn:ivr:message|m-7");
        using var again = await ehr.PostAsync("Communication", Note("m-7"), "identifier=urn:ivr:message|m-7");
        using var other = await ehr.PostAsync("Communication", Note("m-8"), "identifier=urn:ivr:message|m-8");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await DoubleUnderTest.ReadAsync<Communication>(first)).Id, (await DoubleUnderTest.ReadAsync<Communication>(again)).Id);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(2, ehr.Fhir.Stored<Communication>().Count);
    }

    [Fact]
    public async Task ASlotUpdateNeedsIfMatchWithTheCurrentVersion()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        var slot = ehr.Fhir.SeedSlot("dr-lee", Morning, TimeSpan.FromMinutes(20));
        slot.Status = Slot.SlotStatus.Busy;

        using var without = await ehr.PutAsync(slot, ifMatch: null);
        using var stale = await ehr.PutAsync(slot, ifMatch: "W/\"7\"");
        using var current = await ehr.PutAsync(slot, ifMatch: "W/\"1\"");
        using var replayed = await ehr.PutAsync(slot, ifMatch: "W/\"1\"");

        Assert.Equal((HttpStatusCode)428, without.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("W/\"2\"", current.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, replayed.StatusCode);
        var kept = ehr.Fhir.Find<Slot>(slot.Id);
        Assert.Equal((Slot.SlotStatus.Busy, "2"), (kept.Status, kept.Meta.VersionId));
    }

    [Fact]
    public async Task ABookedAppointmentTakesExactlyOneFreeSlotAndASecondBookingOfItIsAConflict()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        var free = ehr.Fhir.SeedSlot("dr-lee", Morning, TimeSpan.FromMinutes(20));
        var busy = ehr.Fhir.SeedSlot("dr-lee", Morning.AddMinutes(20), TimeSpan.FromMinutes(20), Slot.SlotStatus.Busy);

        using var noSlot = await ehr.PostAsync("Appointment", Booked("m-1"));
        using var inBusy = await ehr.PostAsync("Appointment", Booked("m-2", busy));
        using var first = await ehr.PostAsync("Appointment", Booked("m-3", free));
        using var second = await ehr.PostAsync("Appointment", Booked("m-4", free));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSlot.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, inBusy.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already taken", (await DoubleUnderTest.ReadAsync<OperationOutcome>(second)).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Single(ehr.Fhir.Stored<Appointment>());
    }

    [Fact]
    public async Task ACancelledAppointmentNeedsIfMatchAndFreesItsSlotForTheNextBooking()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        var slot = ehr.Fhir.SeedSlot("dr-lee", Morning, TimeSpan.FromMinutes(20));
        using var booked = await ehr.PostAsync("Appointment", Booked("m-1", slot));
        var appointment = await DoubleUnderTest.ReadAsync<Appointment>(booked);
        appointment.Status = Appointment.AppointmentStatus.Cancelled;

        using var without = await ehr.PutAsync(appointment, ifMatch: null);
        using var cancelled = await ehr.PutAsync(appointment, ifMatch: booked.Headers.ETag!.ToString());
        using var next = await ehr.PostAsync("Appointment", Booked("m-2", slot));

        Assert.Equal((HttpStatusCode)428, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(Appointment.AppointmentStatus.Cancelled, ehr.Fhir.Find<Appointment>(appointment.Id).Status);
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [Fact]
    public async Task ASlotSearchFiltersByScheduleStartAndStatusAndPagesWithNextLinks()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        for (var i = 0; i < 25; i++)
        {
            ehr.Fhir.SeedSlot("dr-lee", Morning.AddMinutes(20 * i), TimeSpan.FromMinutes(20));
        }

        ehr.Fhir.SeedSlot("dr-lee", Morning.AddMinutes(5), TimeSpan.FromMinutes(20), Slot.SlotStatus.Busy);
        ehr.Fhir.SeedSlot("dr-park", Morning.AddMinutes(5), TimeSpan.FromMinutes(20));
        ehr.Fhir.SeedSlot("dr-lee", Morning.AddDays(-1), TimeSpan.FromMinutes(20));

        var starts = new List<DateTimeOffset>();
        var url = $"Slot?schedule=Schedule/dr-lee&start=ge{Morning:yyyy-MM-ddTHH:mm:ssZ}&start=le{Morning.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}&status=free&_count=10";
        var pages = 0;
        while (url is not null)
        {
            using var response = await ehr.GetAsync(url);
            var bundle = await DoubleUnderTest.ReadAsync<Bundle>(response);
            Assert.Equal((Bundle.BundleType.Searchset, 25), (bundle.Type.Value, bundle.Total.Value));
            starts.AddRange(bundle.Entry.Select(e => ((Slot)e.Resource).Start.Value));
            url = bundle.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => Morning.AddMinutes(20 * i)), starts);
    }

    [Fact]
    public async Task APatientIsFoundByNameAndBirthDate()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        var ana = ehr.Fhir.SeedPatient("Rivera", "Ana", "2019-05-02");
        ehr.Fhir.SeedPatient("Rivera", "Luis", "2016-01-09");

        using var response = await ehr.GetAsync("Patient?name=rivera&birthdate=2019-05-02");

        var bundle = await DoubleUnderTest.ReadAsync<Bundle>(response);
        Assert.Equal(ana.Id, Assert.Single(bundle.Entry).Resource.Id);
    }

    [Fact]
    public async Task TheTestWaitsForWhatTheDoubleReceives()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();

        var waiting = ehr.Fhir.ReceivedAsync(r => r.Resource is Hl7.Fhir.Model.Task { Status: Hl7.Fhir.Model.Task.TaskStatus.Requested }, TimeSpan.FromSeconds(10));
        Assert.False(waiting.IsCompleted);
        using var response = await ehr.PostAsync("Task", new Hl7.Fhir.Model.Task
        {
            Status = Hl7.Fhir.Model.Task.TaskStatus.Requested,
            Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
            Description = "call the patient back about an appointment",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(201, (await waiting).Status);
    }

    private static Appointment Proposed(string message) => new()
    {
        Identifier = [new Identifier("urn:ivr:message", message)],
        Status = Appointment.AppointmentStatus.Proposed,
        Description = "appointment request",
        RequestedPeriod = [new Period(new FhirDateTime(Morning), new FhirDateTime(Morning.AddDays(2)))],
        Participant =
        [
            new Appointment.ParticipantComponent { Actor = new ResourceReference { Display = "patient" }, Status = ParticipationStatus.NeedsAction },
        ],
    };

    private static Appointment Booked(string message, params Slot[] slots) => new()
    {
        Identifier = [new Identifier("urn:ivr:message", message)],
        Status = Appointment.AppointmentStatus.Booked,
        Start = slots.FirstOrDefault()?.Start ?? Morning,
        End = slots.FirstOrDefault()?.End ?? Morning.AddMinutes(20),
        Slot = slots.Select(s => new ResourceReference($"Slot/{s.Id}")).ToList(),
        Participant =
        [
            new Appointment.ParticipantComponent { Actor = new ResourceReference { Display = "patient" }, Status = ParticipationStatus.Accepted },
        ],
    };

    private static Communication Note(string message) => new()
    {
        Identifier = [new Identifier("urn:ivr:message", message)],
        Status = EventStatus.Completed,
        Payload = [new Communication.PayloadComponent { Content = new FhirString("a message is waiting in the answering service portal") }],
    };
}
