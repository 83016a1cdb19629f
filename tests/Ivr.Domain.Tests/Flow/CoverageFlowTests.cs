using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Domain.Simulation;
using Ivr.Domain.Tests.Support;
using static Ivr.Domain.Tests.Support.CallerStep;
using static Ivr.Domain.Tests.Support.Practices;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: the flow rings the office first when coverage says so; schedules route real flow runs.</summary>
public sealed class CoverageFlowTests
{
    private static readonly OfficeLine Office = new("PJSIP/office", TimeSpan.FromSeconds(20));

    private static CoverageDecision OfficeFirst => new(CoverageMode.Overflow, Office, "business hours: overflow");

    [Fact]
    public async Task WhenTheOfficeAnswersTheServiceNeverAnswersOrGreets()
    {
        var call = new CallFlowHarness([], coverage: OfficeFirst, office: OfficeRingResult.Answered);
        var session = await call.RunAsync();

        Assert.Equal(CallOutcome.OfficeAnswered, session.Outcome);
        Assert.Equal("ring office PJSIP/office: Answered", call.Log.First());
        Assert.DoesNotContain("answer", call.Log);
        Assert.Equal(["RingingOffice", "Ended"], call.StatesEntered);
        Assert.Null((await call.Calls.GetAsync(session.CallId))!.AnsweredAt);
    }

    [Theory]
    [InlineData(OfficeRingResult.NoAnswer)]
    [InlineData(OfficeRingResult.Busy)]
    [InlineData(OfficeRingResult.Unavailable)]
    public async Task WhenTheOfficeDoesNotTakeTheCallTheServiceAnswersWithTheGreeting(OfficeRingResult result)
    {
        var call = new CallFlowHarness([new HangUp()], coverage: OfficeFirst, office: result);
        await call.RunAsync();

        var log = call.Log.ToList();
        Assert.True(log.IndexOf($"ring office PJSIP/office: {result}") < log.IndexOf("answer"));
        Assert.Equal(["RingingOffice", "Greeting"], call.StatesEntered.Take(2));
        Assert.Contains(call.Events, e => e.Name == "office" && e.Detail.Contains(result.ToString()));
        Assert.Contains(call.Events, e => e.Name == "coverage" && e.Detail == "business hours: overflow");
    }

    [Fact]
    public async Task AnOverrideThatEndsMidCallKeepsTheChainTheCallerWasGiven()
    {
        // The chain is fixed when the caller asks for the doctor: the clinician whose override ends
        // while their phone rings is still the one rung first, and the record says which override.
        var practice = NewYork();
        var store = new InMemoryPracticeStore(practice);
        var asked = Utc(2026, 11, 25, 4);
        await store.AddOverrideAsync(new OnCallOverride(0, practice.Id, Layers.Primary, "dr-cho", asked.AddHours(-3), asked.AddSeconds(20), "covering the evening", "alice", asked.AddDays(-1)));
        var directory = new PracticeDirectory(store, Supervisor, c => c.Address);

        var call = await CallSimulation.RunAsync(directory, "15550100", asked.AddSeconds(-15), ["2", "1"], new HashSet<string>(), officeAnswers: false, new CallFlowOptions());

        Assert.Equal(["dr-cho", "supervisor"], call.Legs.Select(l => l.ClinicianId));
        Assert.True(call.Legs[0].EndedAt > asked.AddSeconds(20), "the first leg should outlast the override");
        Assert.Contains(call.Events, e => e.Name == "on-call-chain" && e.Detail.Contains("override #1 by alice"));
        var now = await directory.OnCallChainAsync(practice.Id, asked.AddSeconds(21));
        Assert.Equal("dr-lee", now[0].ClinicianId);
    }

    [Fact]
    public async Task TheSimulatorRunsTheRealFlowAndNobodyOnCallStillReachesTheSupervisor()
    {
        var practice = NewYork() with { Rotations = [] };
        var directory = new PracticeDirectory(new InMemoryPracticeStore(practice), Supervisor, c => c.Address);

        var call = await CallSimulation.RunAsync(directory, "+1 555 0100", Utc(2026, 12, 25, 7, 10), ["2", "1"], new HashSet<string> { "supervisor" }, officeAnswers: false, new CallFlowOptions());

        Assert.Equal("holiday: Christmas Day", call.Route.Coverage.Reason);
        var leg = Assert.Single(call.Legs);
        Assert.Equal(("supervisor", "accepted"), (leg.ClinicianId, leg.Result));
        Assert.Equal(CallOutcome.Connected, call.Session.Outcome);
        Assert.Contains(call.Transcript, t => t.What == "hears greeting-default, emergency" || t.What.StartsWith("hears greeting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownNumberIsAnsweredAndItsCallerReachesOnlyTheSupervisor()
    {
        var directory = new PracticeDirectory(new InMemoryPracticeStore(NewYork()), Supervisor, c => c.Address);

        var route = await directory.RouteAsync("15559999", Utc(2026, 11, 23, 15));
        var chain = await directory.OnCallChainAsync(route.Practice.Id, Utc(2026, 11, 23, 15));

        Assert.Equal(PracticeDirectory.UnknownPracticeId, route.Practice.Id);
        Assert.Equal("greeting-default", route.Practice.GreetingPromptId);
        Assert.False(route.Coverage.OfficeFirst);
        Assert.Equal("supervisor", Assert.Single(chain).ClinicianId);
        Assert.True(route.AgreementRecorded);
    }

    [Fact]
    public async Task APracticeWithoutARecordedAgreementIsRoutedAsRefused()
    {
        var directory = new PracticeDirectory(new InMemoryPracticeStore(NewYork() with { Agreement = null }, Honolulu()), Supervisor, c => c.Address);

        var unsigned = await directory.RouteAsync("15550100", Utc(2026, 11, 23, 3));
        var signed = await directory.RouteAsync("15550200", Utc(2026, 11, 23, 3));

        Assert.Equal(("riverside-pediatrics", false), (unsigned.Practice.Id, unsigned.AgreementRecorded));
        Assert.Equal(("harbor-internal-medicine", true), (signed.Practice.Id, signed.AgreementRecorded));
    }
}
