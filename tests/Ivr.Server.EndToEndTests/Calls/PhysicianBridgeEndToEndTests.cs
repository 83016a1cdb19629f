using Ivr.Asterisk.Ami;
using Ivr.Domain.Messages;
using Ivr.Server.EndToEndTests.Support;
using static Ivr.Server.EndToEndTests.Support.CallScripts;

namespace Ivr.Server.EndToEndTests.Calls;

/// <summary>
/// Needs a real Asterisk and SIPp: a patient asks for the doctor; SIPp phones play the on-call
/// chain; the bridge is checked through AMI ConfBridge events.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class PhysicianBridgeEndToEndTests
{
    [Fact]
    public async Task PhysicianWhoPressesOneJoinsThePatientInOneConferenceBridge()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var joins = new AmiEventLog(ami, "ConfbridgeJoin");
        await using var doctor = await DoctorPressing('1').AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(doctor.Port, supervisor.Port);
        await using var patient = await PatientCall.StartAsync(PatientAskingForTheDoctor().Wait(TimeSpan.FromSeconds(90)).HangUp(), service.Directory);

        var room = await Eventually.ValueAsync(joins.RoomWithTwo, TimeSpan.FromSeconds(60), "two ConfbridgeJoin events in one room");
        var members = await ami.SendListActionAsync(new AmiAction("ConfbridgeList").Add("Conference", room));
        Assert.Equal(2, members.Events.Count);
        Assert.StartsWith("ivr-", room);

        // The physician leaves: the patient's leg ends with them.
        var physician = members.Events.Single(e => e["MarkedUser"] == "Yes")["Channel"]!;
        await ami.SendActionAsync(new AmiAction("Hangup").Add("Channel", physician));
        var (call, messages, _) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal("connected", call.Outcome);
        Assert.Equal("connected to clinician dr-1", call.OutcomeDetail);
        Assert.Empty(messages);
        var leg = Assert.Single(await service.Calls.LegsAsync(call.Id));
        Assert.Equal("accepted", leg.Result);
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task FirstPhysicianDeclinesAndTheBackupAccepts()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var first = await DoctorPressing('2').AnswerAsync();
        await using var backup = await DoctorPressing('1').AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(first.Port, backup.Port, supervisor.Port);
        await using var patient = await PatientCall.StartAsync(PatientAskingForTheDoctor().Wait(TimeSpan.FromSeconds(60)).HangUp(), service.Directory);

        var (call, _, _) = await PatientCall.CompletedAsync(service.Calls, service.Messages, TimeSpan.FromSeconds(120));
        var legs = await service.Calls.LegsAsync(call.Id);
        Assert.Equal(["dr-1:declined", "dr-2:accepted"], legs.Select(l => $"{l.ClinicianId}:{l.Result}"));
        Assert.Equal("connected", call.Outcome);
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task NobodyAnswersSoThePatientLeavesAnUrgentMessage()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var doctor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(doctor.Port, supervisor.Port);

        // Two contacts ring 6 s each; then the patient hears that nobody answered and records.
        var patient = PatientAskingForTheDoctor()
            .WhenRecording().Speak().Press('#')
            .Wait(TimeSpan.FromSeconds(1)).HangUp();
        await using var sipp = await PatientCall.StartAsync(patient, service.Directory);
        await service.WaitForCallerAsync(sipp, TimeSpan.FromSeconds(120));

        var (call, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        var legs = await service.Calls.LegsAsync(call.Id);
        Assert.Equal(["dr-1", "supervisor"], legs.Select(l => l.ClinicianId));
        Assert.All(legs, l => Assert.Equal("no-answer", l.Result));
        Assert.Contains(events, e => e.Name == "chain-exhausted");
        var message = Assert.Single(messages);
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.Contains("no clinician", message.UrgencyReason);
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }
}
