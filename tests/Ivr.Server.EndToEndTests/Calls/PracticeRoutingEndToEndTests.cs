using Ivr.Asterisk.Ami;
using Ivr.Asterisk.IntegrationTests.Support;
using Ivr.Server.EndToEndTests.Support;
using static Ivr.Server.EndToEndTests.Support.CallScripts;

namespace Ivr.Server.EndToEndTests.Calls;

/// <summary>
/// Needs a real Asterisk and SIPp: the dialed number picks the practice (its greeting, its doctor),
/// and overflow coverage rings the office first, the service answering only when it does not.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class PracticeRoutingEndToEndTests
{
    private static readonly TimeSpan Beat = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task EachNumberReachesItsOwnPracticesGreetingAndItsOwnDoctor()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        var riverside = TestPractice.Riverside();
        var harbor = TestPractice.Harbor() with { DoctorPrefix = "hnl" };
        await using var riversideDoctor = Sipp.AnswerScenarioFile(DoctorPressing('1', riverside.Id).WriteTo(Path.GetTempPath(), "doctor"));
        await using var harborDoctor = Sipp.AnswerScenarioFile(DoctorPressing('1', harbor.Id).WriteTo(Path.GetTempPath(), "doctor"));
        await using var supervisor = Sipp.AnswerScenarioFile(SippScript.PhoneThatNeverAnswers().WriteTo(Path.GetTempPath(), "supervisor"));
        await using var service = await ServiceUnderTest.StartAsync(
            supervisor.Port,
            riverside with { DoctorPorts = [riversideDoctor.Port] },
            harbor with { DoctorPorts = [harborDoctor.Port] });

        foreach (var practice in new[] { harbor, riverside })
        {
            await using var patient = PatientCall.Start(PatientAskingForTheDoctor(TimeSpan.FromSeconds(30), practice.Greeting).HangUp(), service.Directory, practice.Number);
            await service.WaitForCallerAsync(patient, TimeSpan.FromSeconds(90));
            var (call, _, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);

            Assert.Equal(practice.Id, call.PracticeId);
            Assert.Equal(practice.Number, call.DialedNumber);
            Assert.Equal("24/7", call.CoverageMode);
            Assert.Contains(events, e => e.Name == "greeting" && e.Detail.StartsWith(practice.Greeting, StringComparison.Ordinal));
            var leg = Assert.Single(await service.Calls.LegsAsync(call.Id));
            Assert.Equal(($"{practice.DoctorPrefix}-1", "accepted"), (leg.ClinicianId, leg.Result));
            Assert.Contains(events, e => e.Name == "on-call-chain" && e.Detail.Contains($"{practice.DoctorPrefix}-1 (primary: rotation 'layer-1'"));
            await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
        }
    }

    [Fact]
    public async Task OverflowWithTheOfficeNotAnsweringIsAnsweredByTheService()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var office = Sipp.AnswerScenarioFile(SippScript.PhoneThatNeverAnswers().WriteTo(Path.GetTempPath(), "office"));
        await using var service = await ServiceUnderTest.StartAsync(5079, TestPractice.Riverside() with { OfficePort = office.Port });

        // The patient's script starts once the service answers, after the office rang 6 s.
        var patient = SippScript.Patient().Wait(PromptDurations.Of("greeting-riverside-pediatrics", "emergency") + Beat).HangUp();
        await using var sipp = PatientCall.Start(patient, service.Directory);
        await service.WaitForCallerAsync(sipp, TimeSpan.FromSeconds(60));

        var (call, _, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal("overflow", call.CoverageMode);
        Assert.Contains("overflow, the office rings first", call.RouteReason);
        Assert.Contains(events, e => e.Name == "office" && e.Detail.Contains("NoAnswer"));
        Assert.Contains(events, e => e.Kind == "state" && e.Name == "Greeting");
        Assert.NotNull(call.AnsweredAt);
        Assert.True(call.AnsweredAt - call.StartedAt >= TimeSpan.FromSeconds(5), "the service answered before the office had rung");
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task OverflowWithTheOfficeAnsweringLeavesTheCallToTheOffice()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var office = Sipp.AnswerScenarioFile(SippScript.Phone().WriteTo(Path.GetTempPath(), "office"));
        await using var service = await ServiceUnderTest.StartAsync(5079, TestPractice.Riverside() with { OfficePort = office.Port });

        // The office answers; the patient talks with it for a few seconds and hangs up.
        var patient = SippScript.Patient().Wait(TimeSpan.FromSeconds(4)).HangUp();
        await using var sipp = PatientCall.Start(patient, service.Directory);
        await service.WaitForCallerAsync(sipp, TimeSpan.FromSeconds(60));

        var (call, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal("office-answered", call.Outcome);
        Assert.Null(call.AnsweredAt);
        Assert.Equal(0, call.BillableSeconds);
        Assert.Empty(messages);
        Assert.DoesNotContain(events, e => e.Kind == "state" && e.Name == "Greeting");
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }
}
