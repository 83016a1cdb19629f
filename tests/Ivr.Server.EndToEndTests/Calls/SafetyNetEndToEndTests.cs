using Ivr.Asterisk.Ami;
using Ivr.Data;
using Ivr.Server.EndToEndTests.Support;

namespace Ivr.Server.EndToEndTests.Calls;

/// <summary>
/// Needs a real Asterisk and SIPp: when the service is down or dies mid-call, the dialplan alone
/// still answers, takes a message and dials the practice's emergency fallback.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class SafetyNetEndToEndTests
{
    /// <summary>The fallback the dialplan dials (IVR_FALLBACK_DIAL in dialplan/extensions.conf).</summary>
    private const int FallbackPort = 5090;

    /// <summary>The practice's own emergency fallback, which the service hands the dialplan as the call starts.</summary>
    private const int PracticeFallbackPort = 5091;

    [Fact]
    public async Task ServiceKilledMidCallLeavesTheCallToTheDialplanWhichTakesTheMessageAndDialsThePracticesFallback()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        var agiOptions = RealAsterisk.AmiOptions();
        agiOptions.Events = "agi";
        await using var agiEvents = await AmiClient.ConnectAsync(agiOptions);
        await using var agi = new AmiEventLog(agiEvents, "AGIExecStart");
        await using var fallback = await SippScript.Phone().Wait(TimeSpan.FromSeconds(2)).AnswerAsync(PracticeFallbackPort);
        var directory = Path.Combine(Path.GetTempPath(), "ivr-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        using var service = await ServiceUnderTest.StartProcessAsync(directory, TestPractice.Riverside() with { EmergencyFallbackPort = PracticeFallbackPort });
        try
        {
            await ServiceUnderTest.WaitForPortAsync(4573, TimeSpan.FromSeconds(60));
            var patient = SippScript.Patient()
                .When(CallerCue.DialplanRecording).Speak().Press('#')
                .Wait(TimeSpan.FromSeconds(6)).HangUp();
            await using var sipp = await PatientCall.StartAsync(patient, directory);

            // Mid-greeting, the service dies without a chance to clean up.
            var greeting = CallerCue.Prompt(TestPractice.Riverside().Greeting);
            await Eventually.UntilAsync(() => Task.FromResult(agi.FirstAt(greeting.Matches) is not null), TimeSpan.FromSeconds(60), "the service playing the greeting");
            service.Kill();
            await service.WaitForExitAsync();
            await sipp.WaitAsync(TimeSpan.FromSeconds(90));

            var uniqueId = await SafetyNetSpool.AssertMessageAsync();
            Assert.Equal(0, await fallback.WaitAsync(TimeSpan.FromSeconds(30)));

            // The service had opened the call record before it died; it stays, unfinished, for review.
            var data = ServiceUnderTest.DataIn(directory);
            var calls = new SqliteCallRecordStore(new SqliteDatabase(data), PhiProtector.FromOptions(data));
            var record = await calls.FindByUniqueIdAsync(uniqueId);
            Assert.NotNull(record);
            Assert.Null(record!.EndedAt);
            await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(30));
            SafetyNetSpool.Delete(uniqueId);
        }
        finally
        {
            if (!service.HasExited)
            {
                service.Kill();
            }
        }
    }

    [Fact]
    public async Task ServiceNotRunningStillGetsTheCallerAMessageAndTheFallback()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var fallback = await SippScript.Phone().Wait(TimeSpan.FromSeconds(2)).AnswerAsync(FallbackPort);
        var patient = SippScript.Patient()
            .When(CallerCue.DialplanRecording).Speak().Press('#')
            .Wait(TimeSpan.FromSeconds(6)).HangUp();
        await using var sipp = await PatientCall.StartAsync(patient, Path.GetTempPath());
        await sipp.WaitAsync(TimeSpan.FromSeconds(90));

        var uniqueId = await SafetyNetSpool.AssertMessageAsync();
        Assert.Equal(0, await fallback.WaitAsync(TimeSpan.FromSeconds(30)));
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(30));

        // When the service is back, the message Asterisk took joins the others: sealed, urgent, dispatched.
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, ["--Dispatch:Enabled=true"], TestPractice.Riverside());
        // The importer deletes Asterisk's note last, once the call, the message and the sealed audio are in.
        var note = Path.Combine(RealAsterisk.RecordingDirectory, "..", "fallback", uniqueId + ".txt");
        await Eventually.UntilAsync(() => Task.FromResult(!File.Exists(note)), TimeSpan.FromSeconds(60), "the import of the safety-net message");
        var call = (await service.Calls.FindByUniqueIdAsync(uniqueId))!;
        var message = Assert.Single(await service.Messages.ForCallAsync(call.Id));
        Assert.Equal("safety-net", call.Outcome);
        Assert.Equal("riverside-pediatrics", call.PracticeId);
        Assert.Equal(Ivr.Domain.Messages.Urgency.Urgent, message.Urgency);
        Assert.Equal(PatientCall.CallerNumber, message.CallbackNumber);
        Assert.True(File.Exists(message.MessageRecording + ".enc"), "the imported recording was not sealed");
        Assert.False(File.Exists(message.MessageRecording), "the plain recording was left in the spool");
        Assert.False(File.Exists(Path.ChangeExtension(message.MessageRecording!, ".txt")), "the note was left in the spool");
        await Eventually.UntilAsync(async () => (await service.Dispatch.AttemptsAsync(message.Id)).Any(a => a.Recipient == "supervisor"), TimeSpan.FromSeconds(30), "the imported message's first page");
    }

    [Fact]
    public async Task WhenEveryLineIsFullTheCallerIsAnsweredByTheSafetyNetNotABusySignalAndTheMessageArrives()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        var callOptions = RealAsterisk.AmiOptions();
        callOptions.Events = "call";
        await using var callEvents = await AmiClient.ConnectAsync(callOptions);
        await using var channels = new AmiEventLog(callEvents, "Newchannel");
        await using var fallback = await SippScript.Phone().Wait(TimeSpan.FromSeconds(2)).AnswerAsync(FallbackPort);
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, ["--Dispatch:Enabled=true"], TestPractice.Riverside());
        var limit = (await ami.SendActionAsync(new AmiAction("Getvar").Add("Variable", "IVR_MAX_CALLS")))["Value"];
        Assert.False(string.IsNullOrEmpty(limit), "the dialplan has no IVR_MAX_CALLS");

        // This Asterisk is full: its limit of callers in the service is 0, so the next caller is over it.
        await ami.SendActionAsync(new AmiAction("Setvar").Add("Variable", "IVR_MAX_CALLS").Add("Value", "0"));
        try
        {
            var patient = SippScript.Patient()
                .When(CallerCue.DialplanRecording).Speak().Press('#')
                .Wait(TimeSpan.FromSeconds(6)).HangUp();
            await using var sipp = await PatientCall.StartAsync(patient, service.Directory);
            Assert.Equal(0, await sipp.WaitAsync(TimeSpan.FromSeconds(90)));
        }
        finally
        {
            await ami.SendActionAsync(new AmiAction("Setvar").Add("Variable", "IVR_MAX_CALLS").Add("Value", limit!));
        }

        // The service never had the call; its message arrives all the same, saying why, and is paged. The spool is
        // Asterisk's, shared with whatever ran before: the test looks for its own call's message, by Asterisk's uniqueid.
        // The caller's channel is the first with their number (the fallback's dialled leg comes after it).
        var uniqueId = channels.Events.First(e => e["CallerIDNum"] == PatientCall.CallerNumber)["Uniqueid"]!;
        var call = await Eventually.ValueAsync(() => service.Calls.FindByUniqueIdAsync(uniqueId), TimeSpan.FromSeconds(60), "the import of the overload net's call");
        var message = await Eventually.ValueAsync(async () => (await service.Messages.ForCallAsync(call.Id)).SingleOrDefault(), TimeSpan.FromSeconds(60), "the import of the overload net's message");
        Assert.Equal("taken by Asterisk's safety net while every line was full", message.UrgencyReason);
        Assert.Equal(PatientCall.CallerNumber, message.CallbackNumber);
        call = (await service.Calls.GetAsync(message.CallId))!;
        Assert.Equal("safety-net", call.Outcome);
        Assert.Equal("every line was full: Asterisk's safety net answered instead of a busy signal", call.RouteReason);
        Assert.True(File.Exists(message.MessageRecording + ".enc"), "the imported recording was not sealed");
        await Eventually.UntilAsync(async () => (await service.Dispatch.AttemptsAsync(message.Id)).Any(a => a.Recipient == "supervisor"), TimeSpan.FromSeconds(30), "the message's first page");
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(30));
    }
}
