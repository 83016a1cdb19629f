using Ivr.Asterisk.Ami;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Ivr.Server.EndToEndTests.Support;
using static Ivr.Server.EndToEndTests.Support.CallScripts;

namespace Ivr.Server.EndToEndTests.Desk;

/// <summary>
/// Needs a real Asterisk and SIPp: patients who ask for someone now wait in their own room for an operator
/// whose SIPp phone the desk rings; the operators' actions go through the desk the portal uses (IDeskBoard).
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class DeskEndToEndTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AnOperatorsPhoneRingsWithTheCardOnTheDeskAndTheOperatorTalksWithTheCallerUntilTheyRelease()
    {
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var joins = new AmiEventLog(ami, "ConfbridgeJoin");
        await using var phone = await SippScript.Phone().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, DeskOperators.Settings, TestPractice.Riverside() with { DeskMaxHoldSeconds = 90 });
        var desk = await DeskOperators.AvailableAsync(service, "sam", phone.Port);
        await using var patient = await PatientCall.StartAsync(SippScript.Patient().WhenAsked("main-menu").Press('2'), service.Directory);

        var room = await RoomAsync(service, joins, "the caller and the operator in one room");
        var view = desk.View("sam");
        Assert.Equal(OperatorStatus.OnCall, view.Status);
        var call = Assert.IsType<DeskCall>(view.Call);
        Assert.True(call.Answered);
        Assert.Equal("Riverside Pediatrics answering service, this is Sam, how can I help?", call.Card.Greeting);
        Assert.Equal("Never page for prescription refills.", call.Card.Instructions);
        Assert.Equal(PatientCall.CallerNumber, call.Card.CallerNumber);
        Assert.Contains("pressed 2: speak with someone now", call.Path.Select(p => p.What));
        Assert.Equal(CallFlowRoom(call.CallId), room);

        Assert.True((await desk.ReleaseAsync("sam")).Done);
        await service.WaitForCallerAsync(patient, Long);
        var (record, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal("operator", record.Outcome);
        Assert.Equal("operator sam handled the call", record.OutcomeDetail);
        Assert.Empty(messages);
        Assert.Equal(["desk-queued", "desk-offered", "desk-answered", "desk-released"], events.Select(e => e.Name).Where(n => n.StartsWith("desk-", StringComparison.Ordinal)));
        Assert.Equal(OperatorStatus.WrapUp, desk.View("sam").Status);
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task AnOperatorWhoDoesNotAnswerIsPausedWithTheReasonAndTheCallerGoesToTheNextWhileAThirdCallerHearsTheirPlace()
    {
        var withAgi = RealAsterisk.AmiOptions();
        withAgi.Events = "agi,call,dialplan";
        await using var ami = await AmiClient.ConnectAsync(withAgi);
        await using var joins = new AmiEventLog(ami, "ConfbridgeJoin");
        await using var prompts = new AmiEventLog(ami, "AGIExecStart");
        await using var ann = await SippScript.PhoneThatNeverAnswers().AnswerAsync(calls: 2);
        await using var bob = await SippScript.Phone().AnswerAsync(calls: 2);
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, DeskOperators.Settings, TestPractice.Riverside());
        // Ann has been idle the longest, so she is offered the first caller.
        var desk = await DeskOperators.AvailableAsync(service, "ann", ann.Port);
        await DeskOperators.AvailableAsync(service, "bob", bob.Port);
        await using var first = await PatientCall.StartAsync(SippScript.Patient().WhenAsked("main-menu").Press('2'), service.Directory);

        await UntilAsync(service, () => Task.FromResult(desk.View("ann").Status == OperatorStatus.Paused), Long, "ann paused for not answering");
        Assert.Equal("Paused: you did not answer a call within 5 s.", desk.View("ann").Reason);
        await RoomAsync(service, joins, "the first caller with bob");
        Assert.Equal(OperatorStatus.OnCall, desk.View("bob").Status);

        // Nobody is free: a second caller waits, first in line, and hears so.
        await using var second = await PatientCall.StartAsync(SippScript.Patient().WhenAsked("main-menu").Press('2'), service.Directory);
        await UntilAsync(service, () => Task.FromResult(desk.Floor().Waiting.Count == 1), Long, "the second caller waiting");
        await UntilAsync(service, () => Task.FromResult(prompts.Events.Any(CallerCue.Prompt("desk-position").Matches)), Long, "the waiting caller hearing their place");
        var floor = desk.Floor();
        Assert.Equal(["ann:Paused", "bob:OnCall"], floor.Operators.Select(o => $"{o.Operator}:{o.Status}"));

        // Ann comes back: the waiting caller is hers.
        Assert.True((await desk.SetStatusAsync("ann", OperatorStatus.Available, null)).Done);
        await UntilAsync(service, () => Task.FromResult(desk.View("ann").Status == OperatorStatus.Paused && desk.Floor().Waiting.Count == 1), Long, "ann's phone not answering again");
        Assert.True((await desk.ReleaseAsync("bob")).Done);
        await service.WaitForCallerAsync(first, Long);
        Assert.True((await desk.SetStatusAsync("bob", OperatorStatus.Available, null)).Done);
        await UntilAsync(service, () => Task.FromResult(desk.View("bob").Status == OperatorStatus.OnCall), Long, "bob taking the second caller");
        Assert.True((await desk.ReleaseAsync("bob")).Done);
        await service.WaitForCallerAsync(second, Long);
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task TheOperatorPatchesTheDoctorWhoPressesOneThenDropsOffLeavingTheCallerWithTheDoctorWhoGetsASummary()
    {
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var smtp = await SmtpSink.StartAsync();
        await using var operatorPhone = await SippScript.Phone().AnswerAsync();
        await using var doctor = await DoctorPressing('1').AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        string[] settings = [.. DeskOperators.Settings, "--Dispatch:Enabled=true", $"--Notifications:Smtp:Port={smtp.Port}", "--Notifications:PortalUrl=https://portal.riverside.test"];
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, settings, TestPractice.Riverside(doctor.Port) with { DoctorsHaveEmail = true });
        var desk = await DeskOperators.AvailableAsync(service, "sam", operatorPhone.Port);
        await using var patient = await PatientCall.StartAsync(SippScript.Patient().WhenAsked("main-menu").Press('2'), service.Directory);
        await UntilAsync(service, () => Task.FromResult(desk.View("sam").Call?.Answered == true), Long, "sam on the call");
        var room = CallFlowRoom(desk.View("sam").Call!.CallId);

        Assert.True((await desk.PatchAsync("sam")).Done);
        await UntilAsync(service, () => Task.FromResult(desk.View("sam").Call?.Patch?.State == DeskPatchState.Connected), Long, "the doctor accepting");
        Assert.Equal(["dr-1:accepted"], desk.View("sam").Call!.Patch!.Steps.Select(s => $"{s.ClinicianId}:{s.Result}"));
        await UntilAsync(service, async () => (await Rooms.MembersAsync(ami, room)).Count == 3, Long, "the caller, the operator and the doctor in one room");

        // The operator drops off; the caller and the doctor stay together until the doctor hangs up.
        Assert.True((await desk.ReleaseAsync("sam")).Done);
        await UntilAsync(service, async () => (await Rooms.MembersAsync(ami, room)).Count == 2, Long, "the caller and the doctor left together");
        var doctorChannel = (await Rooms.MembersAsync(ami, room)).Single(e => e["MarkedUser"] == "Yes")["Channel"]!;
        await ami.SendActionAsync(new AmiAction("Hangup").Add("Channel", doctorChannel));
        await service.WaitForCallerAsync(patient, Long);
        var (record, _, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal("connected", record.Outcome);
        Assert.Contains("patched clinician dr-1", record.OutcomeDetail);
        Assert.Contains(events, e => e.Name == "desk-patch");
        Assert.Equal("accepted", Assert.Single(await service.Calls.LegsAsync(record.Id)).Result);

        // The doctor who took the call gets a summary they acknowledge: routine, addressed to them, an email with a link and nothing of the patient.
        var summary = Assert.Single(await service.Messages.ForCallAsync(record.Id), m => m.Summary is not null);
        Assert.Equal(("dr-1", "sam", Urgency.Routine), (summary.Summary!.ClinicianId, summary.Summary.OperatorName, summary.Urgency));
        Assert.Equal(PatientCall.CallerNumber, summary.CallerId);
        Assert.Contains(events, e => e.Name == "desk-summary" && e.Detail == $"summary message {summary.Id} sent to dr-1, of the call operator sam patched");
        var mail = Assert.Single(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal("doctor1@riverside.test", MailText.Header(mail, "To"));
        Assert.Contains($"/messages/{summary.Id}", MailText.Body(mail), StringComparison.Ordinal);
        Assert.DoesNotContain(PatientCall.CallerNumber, mail, StringComparison.Ordinal);
        Assert.DoesNotContain(await service.Dispatch.AttemptsAsync(summary.Id), a => a.Channel == Ivr.Domain.Dispatch.DispatchChannels.Voice);
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task ACallerWhoHangsUpWhileQueuedIsRecordedAsAbandoned()
    {
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var phone = await SippScript.Phone().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, DeskOperators.Settings, TestPractice.Riverside());
        var desk = await DeskOperators.AvailableAsync(service, "sam", phone.Port);
        Assert.True((await desk.SetStatusAsync("sam", OperatorStatus.OnBreak, "coffee")).Done);
        await using var patient = await PatientCall.StartAsync(SippScript.Patient().WhenAsked("main-menu").Press('2').Wait(TimeSpan.FromSeconds(12)).HangUp(), service.Directory);

        await service.WaitForCallerAsync(patient, Long);
        var (record, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.True(record.Outcome == "caller-hung-up", $"{record.Outcome}: {record.OutcomeDetail}; {string.Join(" / ", events.Select(e => $"{e.Name}: {e.Detail}"))}");
        Assert.Empty(messages);
        Assert.Contains(events, e => e.Name == "desk-abandoned");
        Assert.Empty(desk.Floor().Waiting);
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task ACallerOnTheUrgentLineAndOneWhoPressesOneForUrgentGoAheadOfARoutineCallerWhoWaitedLonger()
    {
        var withAgi = RealAsterisk.AmiOptions();
        withAgi.Events = "agi,call,dialplan";
        await using var ami = await AmiClient.ConnectAsync(withAgi);
        await using var prompts = new AmiEventLog(ami, "AGIExecStart");
        await using var phone = await SippScript.Phone().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, DeskOperators.Settings, TestPractice.Riverside() with { UrgentLine = "15550101" });
        var desk = await DeskOperators.AvailableAsync(service, "sam", phone.Port);
        Assert.True((await desk.SetStatusAsync("sam", OperatorStatus.OnBreak, "coffee")).Done);
        var holds = SippScript.Patient().WhenAsked("main-menu").Press('2').Wait(TimeSpan.FromSeconds(50)).HangUp();
        await using var routine = await PatientCall.StartAsync(holds, service.Directory);
        await UntilAsync(service, () => Task.FromResult(desk.Floor().Waiting.Count == 1), Long, "the routine caller waiting");
        await using var urgentLine = await PatientCall.StartAsync(holds, service.Directory, "15550101");
        await UntilAsync(service, () => Task.FromResult(desk.Floor().Waiting.Count == 2), Long, "the urgent line's caller waiting");

        // Third in line, the caller is asked whether it is urgent and presses 1.
        var saysUrgent = SippScript.Patient().WhenAsked("main-menu").Press('2').WhenAsked("desk-urgent-ask").Press('1').Wait(TimeSpan.FromSeconds(40)).HangUp();
        await using var pressed = await PatientCall.StartAsync(saysUrgent, service.Directory);
        await UntilAsync(service, () => Task.FromResult(prompts.Events.Any(CallerCue.Prompt("desk-urgent-noted").Matches)), Long, "the caller told the call is urgent");

        var waiting = desk.Floor().Waiting;
        Assert.Equal([DeskPriority.Urgent, DeskPriority.Urgent, DeskPriority.Routine], waiting.Select(w => w.Priority));
        var records = await service.Calls.ListAsync(10);
        var byNumber = records.ToDictionary(r => r.UniqueId, r => r.DialedNumber);
        Assert.Equal("15550101", byNumber[waiting[0].CallId]);
        Assert.True(waiting[2].QueuedAt < waiting[0].QueuedAt && waiting[0].QueuedAt < waiting[1].QueuedAt);

        // Only the caller with others ahead was asked: neither the first in line nor the urgent line's caller.
        Assert.Single(prompts.Events, CallerCue.Prompt("desk-urgent-ask").Matches);

        await service.WaitForCallerAsync(pressed, Long);
        await service.WaitForCallerAsync(urgentLine, Long);
        await service.WaitForCallerAsync(routine, Long);
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task WhenTheServiceStopsWhileACallerIsQueuedTheDialplansSafetyNetTakesTheirMessage()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var phone = await SippScript.Phone().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        var service = await ServiceUnderTest.StartAsync(supervisor.Port, DeskOperators.Settings, TestPractice.Riverside());
        var desk = await DeskOperators.AvailableAsync(service, "sam", phone.Port);
        Assert.True((await desk.SetStatusAsync("sam", OperatorStatus.OnBreak, "coffee")).Done);
        await using var patient = await PatientCall.StartAsync(
            SippScript.Patient().WhenAsked("main-menu").Press('2').When(CallerCue.DialplanRecording).Speak().Press('#').Wait(TimeSpan.FromSeconds(4)).HangUp(),
            service.Directory);
        try
        {
            await UntilAsync(service, () => Task.FromResult(desk.Floor().Waiting.Count == 1), Long, "the caller waiting for an operator");
        }
        finally
        {
            // The queue lives in the service: stopping it takes the caller out of their room at the next timed wait.
            await service.DisposeAsync();
        }

        await patient.WaitAsync(TimeSpan.FromSeconds(90));
        var uniqueId = await SafetyNetSpool.AssertMessageAsync();
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(30));
        SafetyNetSpool.Delete(uniqueId);
    }

    [Fact]
    public async Task AtThePracticesMaximumHoldTheCallerChoosesAnUrgentMessage()
    {
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var phone = await SippScript.Phone().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, DeskOperators.Settings, TestPractice.Riverside() with { DeskMaxHoldSeconds = 15 });
        var desk = await DeskOperators.AvailableAsync(service, "sam", phone.Port);
        Assert.True((await desk.SetStatusAsync("sam", OperatorStatus.OnBreak, "coffee")).Done);
        var script = SippScript.Patient()
            .WhenAsked("main-menu").Press('2')
            .WhenAsked("desk-max-hold-menu").Press('2')
            .WhenRecording().Speak().Press('#')
            .WhenAsked("callback-offer").Press('1')
            .WhenRecording().Speak().Press('#')
            .WhenAsked("review-menu").Press('1');
        await using var patient = await PatientCall.StartAsync(script, service.Directory);

        await service.WaitForCallerAsync(patient, TimeSpan.FromSeconds(120));
        var (record, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal("message-taken", record.Outcome);
        var message = Assert.Single(messages);
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.Contains("chose a message after holding", message.UrgencyReason);
        Assert.Contains(events, e => e.Name == "desk-max-hold");
        Assert.Contains(events, e => e.Name == "desk-left");
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task WhenTheOperatorsPhoneDropsTheCallerGoesBackToTheQueueFirstInLineAndTheNextOperatorTakesThem()
    {
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var joins = new AmiEventLog(ami, "ConfbridgeJoin");
        await using var ann = await SippScript.Phone().AnswerAsync();
        await using var bob = await SippScript.Phone().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, DeskOperators.Settings, TestPractice.Riverside());
        var desk = await DeskOperators.AvailableAsync(service, "ann", ann.Port);
        await using var patient = await PatientCall.StartAsync(SippScript.Patient().WhenAsked("main-menu").Press('2'), service.Directory);
        await UntilAsync(service, () => Task.FromResult(desk.View("ann").Call?.Answered == true), Long, "ann on the call");
        var room = CallFlowRoom(desk.View("ann").Call!.CallId);
        await UntilAsync(service, async () => (await Rooms.MembersAsync(ami, room)).Count == 2, Long, "the caller and ann in the room");

        await DeskOperators.AvailableAsync(service, "bob", bob.Port);
        var annChannel = (await Rooms.MembersAsync(ami, room)).Single(e => e["MarkedUser"] == "Yes")["Channel"]!;
        await ami.SendActionAsync(new AmiAction("Hangup").Add("Channel", annChannel));

        await UntilAsync(service, () => Task.FromResult(desk.View("bob").Call?.Answered == true), Long, "bob taking the caller");
        Assert.Equal(OperatorStatus.Paused, desk.View("ann").Status);
        Assert.Contains("phone dropped", desk.View("ann").Reason);
        Assert.True((await desk.ReleaseAsync("bob")).Done);
        await service.WaitForCallerAsync(patient, Long);
        var (record, _, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal("operator bob handled the call", record.OutcomeDetail);
        Assert.Contains(events, e => e.Name == "desk-requeued");
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    /// <summary>Waits for <paramref name="probe"/>; a timeout names the service's calls as they went and the end of its log.</summary>
    private static async Task UntilAsync(ServiceUnderTest service, Func<Task<bool>> probe, TimeSpan timeout, string what)
    {
        await Eventually.ValueAsync<object>(async () => await probe() ? what : null, timeout, async () => $"{what}\n{await ExplainAsync(service)}");
    }

    private static async Task<string> RoomAsync(ServiceUnderTest service, AmiEventLog joins, string what)
    {
        string? room = null;
        await UntilAsync(service, () => Task.FromResult((room = joins.RoomWithTwo()) is not null), Long, what);
        return room!;
    }

    private static async Task<string> ExplainAsync(ServiceUnderTest service)
    {
        var text = new System.Text.StringBuilder();
        foreach (var call in await service.Calls.ListAsync(5))
        {
            text.AppendLine($"Call {call.Id}: {await PatientCall.TimelineAsync(service.Calls, call)}");
        }

        return $"{text}The service's log:\n{service.LogTail()}";
    }

    private static string CallFlowRoom(string callId) => Ivr.Domain.Flow.CallFlow.RoomOf(callId);
}
