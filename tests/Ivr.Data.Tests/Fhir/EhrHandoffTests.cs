using System.Net;
using Hl7.Fhir.Model;
using Ivr.Domain.Ehr;
using Ivr.Domain.Practices;

namespace Ivr.Data.Tests.Fhir;

/// <summary>Needs nothing: the durable hand-off over a real SQLite file, an in-process FHIR server and a fake clock.</summary>
public sealed class EhrHandoffTests
{
    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task AnEhrThatIsDownIsTriedAgainLaterAndTheMessageArrivesOnce(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Inform, provider: provider);
        var message = await fixture.MessageAsync();
        var runner = fixture.Runner();
        fixture.Ehr.FailNext(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(1, await runner.RunDueAsync());

        var waiting = await fixture.Handoffs.GetAsync(message.Id);
        Assert.Equal(EhrHandoffState.Pending, waiting!.State);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal(EhrFixture.Night + TimeSpan.FromMinutes(1), waiting.NextAt);
        Assert.Equal([message.Id], (await fixture.Handoffs.UndeliveredAsync("riverside")).Select(h => h.MessageId));
        Assert.Equal(0, await runner.RunDueAsync()); // not due yet

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await runner.RunDueAsync());
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await runner.RunDueAsync()); // once delivered, never again

        var delivered = await fixture.Handoffs.GetAsync(message.Id);
        Assert.Equal(EhrHandoffState.Delivered, delivered!.State);
        Assert.Equal("Communication/1", delivered.Reference);
        Assert.Single(fixture.Ehr.All<Communication>());
        Assert.Empty(await fixture.Handoffs.UndeliveredAsync("riverside"));
        var history = (await new SqliteDispatchStore(fixture.DatabaseForTests, fixture.ProtectorForTests).HistoryAsync(message.Id)).Where(h => h.Actor == EhrHandoffs.Actor).Select(h => h.Detail).ToList();
        Assert.Equal(["EHR: not yet delivered (create Communication: HTTP 503), trying again at 2026-11-30 22:01", "EHR: sent Communication/1"], history);
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task ARefusalIsKeptAndShownAndNotTriedAgain(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Propose, provider: provider);
        var message = await fixture.MessageAsync(EhrFixture.Typed(), new Ivr.Domain.Appointments.AppointmentRequest(Ivr.Domain.Triage.Disposition.Within3Days));
        fixture.Ehr.FailNext(HttpStatusCode.Forbidden, FakeEhr.Outcome(OperationOutcome.IssueType.Forbidden)); // the Patient search: the participant is then a display
        fixture.Ehr.FailNext(HttpStatusCode.Forbidden, FakeEhr.Outcome(OperationOutcome.IssueType.Forbidden)); // the Appointment

        await fixture.Runner().RunDueAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, await fixture.Runner().RunDueAsync());
        var refused = await fixture.Handoffs.GetAsync(message.Id);
        Assert.Equal(EhrHandoffState.Refused, refused!.State);
        Assert.Equal("EHR refused: create Appointment: HTTP 403 (forbidden)", refused.Line(_ => string.Empty));
        Assert.Equal([message.Id], (await fixture.Handoffs.UndeliveredAsync("riverside")).Select(h => h.MessageId));
        Assert.Empty(fixture.Ehr.All<Appointment>());
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task ARequestOfAProposingPracticeBecomesAProposedAppointment(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Propose, provider: provider);
        var message = await fixture.MessageAsync(EhrFixture.Typed(), new Ivr.Domain.Appointments.AppointmentRequest(Ivr.Domain.Triage.Disposition.Within3Days));

        await fixture.Runner().RunDueAsync();

        var handoff = await fixture.Handoffs.GetAsync(message.Id);
        Assert.Equal("EHR: proposed Appointment/1", handoff!.Line(_ => string.Empty));
        Assert.Equal(Appointment.AppointmentStatus.Proposed, fixture.Ehr.Get<Appointment>("Appointment/1").Status);
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task ALeaseHeldByAProcessThatDiedExpiresAndTheNextTakesTheRow(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Inform, provider: provider);
        var message = await fixture.MessageAsync();
        Assert.True(await fixture.Handoffs.ClaimAsync(message.Id, "dead", fixture.Clock.GetUtcNow(), fixture.Clock.GetUtcNow() + EhrHandoffs.Lease));

        Assert.Equal(0, await fixture.Runner("next").RunDueAsync());
        fixture.Clock.Advance(EhrHandoffs.Lease);
        Assert.Equal(1, await fixture.Runner("next").RunDueAsync());

        Assert.Equal(EhrHandoffState.Delivered, (await fixture.Handoffs.GetAsync(message.Id))!.State);
        Assert.False(await fixture.Handoffs.FinishAsync(message.Id, "dead", EhrHandoffState.Pending, null, fixture.Clock.GetUtcNow(), fixture.Clock.GetUtcNow(), "late"));
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task AMessageOfAPracticeWithoutALinkIsClosedWithNothingSent(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Inform, provider: provider);
        await fixture.Practices.SaveAsync(new Practice { Id = "hillside", Name = "Hillside", Numbers = ["15550199"], TimeZone = "America/New_York" }, "test");
        var message = await fixture.MessageAsync(practiceId: "hillside");

        Assert.Equal(1, await fixture.Runner().RunDueAsync());

        Assert.Equal(EhrHandoffState.NotLinked, (await fixture.Handoffs.GetAsync(message.Id))!.State);
        Assert.Empty(fixture.Ehr.Requests);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 15)]
    [InlineData(5, 60)]
    [InlineData(40, 60)]
    public void TriesBackOffToHourly(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), EhrHandoffs.Backoff(attempts));

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 10)]
    [InlineData(5, 120)]
    public void AShorterFirstRetryKeepsTheProportions(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), EhrHandoffs.Backoff(attempts, TimeSpan.FromSeconds(2)));
}
