// Firely's POCOs declare every element nullable; these tests read what the double just answered.
#nullable disable warnings
using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Task = System.Threading.Tasks.Task;

namespace Ivr.Data.Tests.EhrDouble;

/// <summary>
/// Needs nothing but the code: Firely's own FhirClient (what the EHR link may be built on) searches,
/// pages, creates conditionally and updates with If-Match against the FHIR double without surprises.
/// </summary>
public sealed class FhirDoubleFirelyClientTests
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 4, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FirelysClientPagesASlotSearchCreatesOnceAndUpdatesOnlyTheVersionItRead()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        for (var i = 0; i < 15; i++)
        {
            ehr.Fhir.SeedSlot("dr-lee", Morning.AddMinutes(20 * i), TimeSpan.FromMinutes(20));
        }

        using var client = new FhirClient(ehr.Fhir.BaseUrl, ehr.Http, new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json,
            VerifyFhirVersion = true,
            ReturnPreference = ReturnPreference.Representation,
        });

        var slots = new List<Slot>();
        var page = await client.SearchAsync<Slot>(new SearchParams().Add("schedule", "Schedule/dr-lee").Add("status", "free").Add("_count", "10"));
        while (page is not null)
        {
            slots.AddRange(page.Entry.Select(e => (Slot)e.Resource));
            page = await client.ContinueAsync(page);
        }

        var booking = new Appointment
        {
            Identifier = [new Identifier("urn:ivr:message", "m-1")],
            Status = Appointment.AppointmentStatus.Booked,
            Start = slots[0].Start,
            End = slots[0].End,
            Slot = [new ResourceReference($"Slot/{slots[0].Id}")],
            Participant = [new Appointment.ParticipantComponent { Actor = new ResourceReference { Display = "patient" }, Status = ParticipationStatus.Accepted }],
        };
        var condition = new SearchParams().Add("identifier", "urn:ivr:message|m-1");
        var created = await client.ConditionalCreateAsync(booking, condition);
        var retried = await client.ConditionalCreateAsync(booking, condition);
        var slot = await client.ReadAsync<Slot>($"Slot/{slots[0].Id}");
        slot.Status = Slot.SlotStatus.Busy;
        var taken = await client.UpdateAsync(slot, versionAware: true);
        var stale = await Assert.ThrowsAsync<FhirOperationException>(() => client.UpdateAsync(slot, versionAware: true));

        Assert.Equal(15, slots.Count);
        Assert.Equal(created.Id, retried.Id);
        Assert.Single(ehr.Fhir.Stored<Appointment>());
        Assert.Equal("2", taken.Meta.VersionId);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
    }
}
