using Ivr.Asterisk.Ami;
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
    [Fact]
    public async Task EachNumberReachesItsOwnPracticesGreetingAndItsOwnDoctor()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        var riverside = TestPractice.Riverside();
        var harbor = TestPractice.Harbor() with { DoctorPrefix = "hnl" };
        await using var riversideDoctor = await DoctorPressing('1').AnswerAsync();
        await using var harborDoctor = await DoctorPressing('1').AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(
            supervisor.Port,
            riverside with { DoctorPorts = [riversideDoctor.Port] },
            harbor with { DoctorPorts = [harborDoctor.Port] });

        foreach (var practice in new[] { harbor, riverside })
        {
            await using var patient = await PatientCall.StartAsync(PatientAskingForTheDoctor().Wait(TimeSpan.FromSeconds(30)).HangUp(), service.Directory, practice.Number);
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
        await using var office = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(5079, TestPractice.Riverside() with { OfficePort = office.Port });

        // The service answers after the office rang 6 s; the patient hangs up when the menu asks.
        var patient = SippScript.Patient().WhenAsked("main-menu").HangUp();
        await using var sipp = await PatientCall.StartAsync(patient, service.Directory);
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
        await using var office = await SippScript.Phone().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(5079, TestPractice.Riverside() with { OfficePort = office.Port });

        // The office answers; the patient talks with it for a few seconds and hangs up.
        var patient = SippScript.Patient().Wait(TimeSpan.FromSeconds(4)).HangUp();
        await using var sipp = await PatientCall.StartAsync(patient, service.Directory);
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
