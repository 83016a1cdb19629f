using Ivr.Asterisk.Ami;
using Ivr.Domain.Messages;
using Ivr.Server.EndToEndTests.Support;

namespace Ivr.Server.EndToEndTests.Calls;

/// <summary>
/// Needs a real Asterisk (scripts/asterisk start) and SIPp: a patient calls the practice number,
/// the real service answers over FastAGI, and the call record and message land in a real SQLite file.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class PatientCallEndToEndTests
{
    [Fact]
    public async Task RoutineMessageWithTheCallerIdIsStoredEncryptedAndTheCallerHearsItWasReceived()
    {
        await using var service = await ServiceUnderTest.StartAsync();
        var patient = SippScript.Patient()
            .WhenAsked("main-menu").Press('1')
            .WhenRecording().Speak().Press('#')
            .WhenAsked("callback-offer").Press('1')
            .WhenAsked("urgency-menu").Press('2')
            .WhenRecording().Speak().Press('#')
            .WhenAsked("review-menu").Press('1');
        await using var sipp = await PatientCall.StartAsync(patient, service.Directory);
        await service.WaitForCallerAsync(sipp, TimeSpan.FromSeconds(120));

        var (call, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal("message-taken", call.Outcome);
        Assert.NotNull(call.AnsweredAt);
        Assert.Equal(PatientCall.CallerNumber, call.CallerId);
        var message = Assert.Single(messages);
        Assert.Equal(Urgency.Routine, message.Urgency);
        Assert.Equal(PatientCall.CallerNumber, message.CallbackNumber);
        Assert.False(message.Partial);
        Assert.True(message.MessageSeconds > 3, $"message was {message.MessageSeconds} s");
        Assert.True(File.Exists(message.MessageRecording + ".enc"), "the recording was not sealed");
        Assert.False(File.Exists(message.MessageRecording), "the plain recording was left on disk");
        Assert.Contains(events, e => e.Name == "MessageSaved");
    }

    [Fact]
    public async Task UrgentMessageWithAnEnteredCallbackIsReadBackConfirmedAndStored()
    {
        await using var service = await ServiceUnderTest.StartAsync();
        var patient = SippScript.Patient()
            .WhenAsked("main-menu").Press('1')
            .WhenRecording().Speak().Press('#')
            .WhenAsked("callback-offer").Press('2')
            .WhenAsked("callback-enter").PressAll("5559876543#")
            .WhenAsked("callback-confirm").Press('1')
            .WhenAsked("urgency-menu").Press('1')
            .WhenRecording().Speak().Press('#')
            .WhenAsked("review-menu").Press('1');
        await using var sipp = await PatientCall.StartAsync(patient, service.Directory);
        await service.WaitForCallerAsync(sipp, TimeSpan.FromSeconds(150));

        var (call, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        var message = Assert.Single(messages);
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.Equal("5559876543", message.CallbackNumber);
        Assert.Equal("message-taken", call.Outcome);
        Assert.Contains(events, e => e.Name == "callback-confirm" && e.Detail.Contains("confirmed"));
    }

    [Fact]
    public async Task ThreeWrongKeysReplayTheMenuAndLeadToLeavingAMessage()
    {
        await using var service = await ServiceUnderTest.StartAsync();
        var patient = SippScript.Patient()
            .WhenAsked("main-menu").Press('7')
            .WhenAsked("main-menu").Press('8')
            .WhenAsked("main-menu").Press('9')
            .WhenRecording().Speak().Press('#')
            .Wait(TimeSpan.FromSeconds(1)).HangUp();
        await using var sipp = await PatientCall.StartAsync(patient, service.Directory);
        await service.WaitForCallerAsync(sipp, TimeSpan.FromSeconds(90));

        var (call, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal(3, events.Count(e => e.Name == "main-menu" && e.Detail.StartsWith("invalid key", StringComparison.Ordinal)));
        Assert.Contains(events, e => e.Kind == "state" && e.Name == "RecordName");
        var message = Assert.Single(messages);
        Assert.True(message.Partial);
        Assert.NotNull(message.NameRecording);
        Assert.Equal("message-taken", call.Outcome);
    }

    [Fact]
    public async Task HangupDuringTheGreetingClosesTheRecordAndLeavesNoChannel()
    {
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var service = await ServiceUnderTest.StartAsync();
        await using var sipp = await PatientCall.StartAsync(SippScript.Patient().Wait(TimeSpan.FromSeconds(2)).HangUp(), service.Directory);
        Assert.Equal(0, await service.WaitForCallerAsync(sipp, TimeSpan.FromSeconds(30)));

        var (call, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal("caller-hung-up", call.Outcome);
        Assert.Empty(messages);
        Assert.Contains(events, e => e.Kind == "state" && e.Name == "CallerHungUp");
        await RealAsterisk.AssertNoChannelsLeftAsync(ami);
    }

    [Fact]
    public async Task HangupDuringTheRecordingStillSavesAPartialMessageWithTheAudio()
    {
        await using var service = await ServiceUnderTest.StartAsync();
        var patient = SippScript.Patient()
            .WhenAsked("main-menu").Press('1')
            .WhenRecording().Speak().Press('#')
            .WhenAsked("callback-offer").Press('1')
            .WhenAsked("urgency-menu").Press('1')
            .WhenRecording().Speak()
            .HangUp();
        await using var sipp = await PatientCall.StartAsync(patient, service.Directory);
        await service.WaitForCallerAsync(sipp, TimeSpan.FromSeconds(120));

        var (call, messages, _) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        var message = Assert.Single(messages);
        Assert.True(message.Partial);
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.True(message.MessageSeconds > 2, $"message was {message.MessageSeconds} s");
        Assert.True(File.Exists(message.MessageRecording + ".enc"));
        Assert.Contains("partial", call.OutcomeDetail);
    }
}
