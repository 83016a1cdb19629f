using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Ivr.Testing.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Ivr.Data.Tests.EhrDouble;

/// <summary>Needs nothing but the code: the FHIR double is down, refuses, fails or is slow when told, and comes back up.</summary>
public sealed class FhirDoubleFaultTests
{
    [Fact]
    public async Task DownAnswers503EverywhereUntilItComesBackUp()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        ehr.Fhir.Faults.Down();

        using var search = await ehr.GetAsync("Slot?status=free");
        using var metadata = await ehr.GetAsync("metadata");
        ehr.Fhir.Faults.Up();
        using var back = await ehr.GetAsync("Slot?status=free");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, search.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Transient, (await DoubleUnderTest.ReadAsync<OperationOutcome>(search)).Issue[0].Code);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task ARefusingEndpointAnswers403ForbiddenAndTheOthersStillWork()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        ehr.Fhir.Faults.Refuse(FhirRoute.CreateCommunication);

        using var refused = await ehr.PostAsync("Communication", Note());
        using var search = await ehr.GetAsync("Slot?status=free");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var issue = (await DoubleUnderTest.ReadAsync<OperationOutcome>(refused)).Issue[0];
        Assert.Equal((OperationOutcome.IssueType.Forbidden, "forbidden"), (issue.Code, issue.Diagnostics));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Empty(ehr.Fhir.Stored<Communication>());
    }

    [Fact]
    public async Task FailNextFailsThatManyRequestsThenTheEndpointWorks()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        ehr.Fhir.Faults.FailNext(2, FhirRoute.CreateCommunication, HttpStatusCode.BadGateway);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await ehr.PostAsync("Communication", Note(), "identifier=urn:ivr:message|m-1");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.Created], statuses);
        Assert.Single(ehr.Fhir.Stored<Communication>());
    }

    [Fact]
    public async Task ASlowEndpointHoldsRequestsUntilTheTestReleasesThem()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        var hold = ehr.Fhir.Faults.Slow(FhirRoute.SearchSlots);

        var pending = ehr.GetAsync("Slot?status=free");
        await hold.FirstHeld.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(pending.IsCompleted);
        Assert.Equal(1, hold.Held);
        hold.Release();
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ATimedSlownessAnswersWhenTheDoublesClockHasMovedOn()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        var hold = ehr.Fhir.Faults.Slow(delay: TimeSpan.FromSeconds(30));

        var pending = ehr.GetAsync("Slot?status=free");
        await hold.FirstHeld.WaitAsync(TimeSpan.FromSeconds(10));
        ehr.Time.Advance(TimeSpan.FromSeconds(29));

        Assert.False(pending.IsCompleted);
        ehr.Time.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AClientThatGivesUpOnASlowServerIsRecordedAndTheResourceIsNotKept()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        await ehr.AuthorizeAsync();
        var hold = ehr.Fhir.Faults.Slow(FhirRoute.CreateCommunication);
        using var giveUp = new CancellationTokenSource();

        var pending = ehr.Http.PostAsync("Communication", new StringContent(Note().ToJson(), System.Text.Encoding.UTF8, "application/fhir+json"), giveUp.Token);
        await hold.FirstHeld.WaitAsync(TimeSpan.FromSeconds(10));
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        var abandoned = await ehr.Fhir.ReceivedAsync(r => r.PathAndQuery == "/fhir/Communication", TimeSpan.FromSeconds(10));
        Assert.Equal(499, abandoned.Status);
        Assert.Empty(ehr.Fhir.Stored<Communication>());
    }

    private static Communication Note() => new()
    {
        Identifier = [new Identifier("urn:ivr:message", "m-1")],
        Status = EventStatus.Completed,
        Payload = [new Communication.PayloadComponent { Content = new FhirString("a message is waiting in the answering service portal") }],
    };
}
