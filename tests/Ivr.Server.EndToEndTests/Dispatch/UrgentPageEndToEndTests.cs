using Ivr.Asterisk.Ami;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Telephony.Dispatch;
using Ivr.Server.EndToEndTests.Support;

namespace Ivr.Server.EndToEndTests.Dispatch;

/// <summary>
/// Needs a real Asterisk, SIPp and an SMTP server on loopback: a patient leaves an urgent message,
/// the service pages the doctor on call over AMI, a SIPp phone plays the doctor, and what happens is
/// read back from the service's database, Asterisk's events, the mailbox and the webhook receiver.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class UrgentPageEndToEndTests
{
    /// <summary>A callback number that must never leave the service except to a clinician's ear.</summary>
    internal const string CanaryCallback = "5558675309";

    private const string Secret = "e2e-webhook-secret";

    [Fact]
    public async Task DoctorWhoPressesOneOnThePageAcknowledgesHearsTheConfirmationAndNobodyIsPagedAgain()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var hangups = new AmiEventLog(ami, "Hangup");
        await using var smtp = await SmtpSink.StartAsync();
        await using var hook = WebhookReceiver.Start();
        await using var doctor = await DoctorAcknowledgingThePage().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        var practice = TestPractice.Riverside(doctor.Port) with { EscalationSeconds = 30, DoctorsHaveEmail = true, Webhook = hook.Url };
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, Settings(smtp), practice);

        var message = await LeaveUrgentMessageAsync(service);
        await Eventually.UntilAsync(async () => (await service.Messages.GetAsync(message.Id))!.Status == MessageStatus.Acknowledged, TimeSpan.FromSeconds(120), "the doctor's acknowledgement");

        var history = await service.Dispatch.HistoryAsync(message.Id);
        Assert.Equal([MessageStatus.Received, MessageStatus.Dispatched, MessageStatus.Delivered, MessageStatus.Acknowledged], history.Select(h => h.Status));
        Assert.Equal("dr-1", history[^1].Actor);
        // The page closes its attempt just after recording the acknowledgement.
        var page = await Eventually.ValueAsync(
            async () => (await service.Dispatch.AttemptsAsync(message.Id)).SingleOrDefault(a => a.Channel == DispatchChannels.Voice && a.EndedAt is not null),
            TimeSpan.FromSeconds(10),
            "the page's outcome");
        Assert.Equal("acknowledged", page.Outcome);

        // The spoken confirmation played in full before the service hung the page up.
        await Eventually.UntilAsync(() => Task.FromResult(hangups.FirstAt(e => e["Uniqueid"] == $"page-{page.Id}") is not null), TimeSpan.FromSeconds(30), "the page's hangup");
        var thanked = hangups.FirstAt(e => e["Uniqueid"] == $"page-{page.Id}")!.Value - history[^1].At;
        Assert.True(thanked >= PromptDurations.Length("page-acknowledged") - TimeSpan.FromMilliseconds(300), $"hung up {thanked.TotalSeconds:0.0} s after the acknowledgement");

        // Dispatch stopped and no process holds it, so no further page can start: there was only this one.
        await DispatchAtRestAsync(service, message.Id);
        Assert.Single(await service.Dispatch.AttemptsAsync(message.Id), a => a.Channel == DispatchChannels.Voice);

        // The email and the webhook said a message waits, and nothing of the patient.
        var mail = Assert.Single(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("doctor1@riverside.test", MailText.Header(mail, "To"));
        var body = MailText.Body(mail);
        Assert.Contains($"/messages/{message.Id}", body, StringComparison.Ordinal);
        var webhook = await hook.NextAsync(TimeSpan.FromSeconds(20));
        Assert.True(WebhookSignature.Verify(Secret, webhook.Timestamp, webhook.Signature, webhook.Body, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance));
        foreach (var text in new[] { mail, body, webhook.Body })
        {
            Assert.DoesNotContain(CanaryCallback, text, StringComparison.Ordinal);
            Assert.DoesNotContain(PatientCall.CallerNumber, text, StringComparison.Ordinal);
            Assert.DoesNotContain(".wav", text, StringComparison.Ordinal);
        }

        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task DoctorWhoPressesTwoIsBridgedToThePatientWhoSeesThePracticesNumberAndTheMessageStaysAcknowledgedUntilTheDoctorResolvesIt()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var joins = new AmiEventLog(ami, "ConfbridgeJoin");
        await using var smtp = await SmtpSink.StartAsync();
        await using var doctor = await DoctorAnsweringThePageWith('2').AnswerAsync();
        await using var patientPhone = await SippScript.Phone().Wait(TimeSpan.FromSeconds(1)).AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        var practice = TestPractice.Riverside(doctor.Port) with { EscalationSeconds = 60 };
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, [.. Settings(smtp), $"--Practices:PhoneDialTemplate=PJSIP/sipp/sip:{{number}}@127.0.0.1:{patientPhone.Port}"], practice);

        var message = await LeaveUrgentMessageAsync(service);
        var room = await Eventually.ValueAsync(joins.RoomWithTwo, TimeSpan.FromSeconds(120), "doctor and patient in one room");
        Assert.StartsWith($"callback-{message.Id}-", room, StringComparison.Ordinal);
        var members = joins.Events.Where(j => j["Conference"] == room).ToList();
        var patient = Assert.Single(members, j => j["Uniqueid"] == room + "-patient");
        Assert.Equal(PatientCall.PracticeNumber, patient["CallerIDNum"]);
        var history = await service.Dispatch.HistoryAsync(message.Id);
        // The patient answering is recorded, not taken as resolved: that is for the doctor to say after the talk.
        Assert.Equal([MessageStatus.Received, MessageStatus.Dispatched, MessageStatus.Delivered, MessageStatus.Acknowledged], history.Select(h => h.Status));
        Assert.Equal(MessageStatus.Acknowledged, (await service.Messages.GetAsync(message.Id))!.Status);
        Assert.Contains(await service.Get<Ivr.Domain.Audit.IAuditLog>().ListAsync(50), e => e.Action == "message.callback-answered" && e.Actor == "dr-1");
        Assert.All(history.Skip(2), h => Assert.Equal("dr-1", h.Actor));

        var list = await ami.SendListActionAsync(new AmiAction("ConfbridgeList").Add("Conference", room));
        await ami.SendActionAsync(new AmiAction("Hangup").Add("Channel", list.Events.Single(e => e["MarkedUser"] == "Yes")["Channel"]!));
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task UnansweredPagesRepeatToTheDoctorThenReachTheBackupUntilAnAcknowledgementFromTheCommandLineStopsTheRingingPage()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var smtp = await SmtpSink.StartAsync();
        await using var first = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var backup = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        var practice = TestPractice.Riverside(first.Port, backup.Port) with { EscalationSeconds = 15, EscalationAttempts = 2 };
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, Settings(smtp), practice);

        var message = await LeaveUrgentMessageAsync(service);
        var pages = await Eventually.ValueAsync(
            async () => (await service.Dispatch.AttemptsAsync(message.Id)).Where(a => a.Channel == DispatchChannels.Voice && a.EndedAt is not null).ToList() is { Count: >= 3 } done ? done : null,
            TimeSpan.FromSeconds(90),
            "three pages");

        Assert.Equal(["0:dr-1:no-answer", "1:dr-1:no-answer", "2:dr-2:no-answer"], pages.Take(3).Select(p => $"{p.Step}:{p.Recipient}:{p.Outcome}"));
        // The next step falls due 15 s after its claim; an attempt's start is written after the claim, by as
        // much as originating the call takes (a second was seen on a fresh clone), so the gap between two
        // starts is 15 s give or take that latency: clearly a wait, not a retry at once, and no page skipped.
        Assert.InRange((pages[1].StartedAt - pages[0].StartedAt).TotalSeconds, 10, 20);
        Assert.InRange((pages[2].StartedAt - pages[1].StartedAt).TotalSeconds, 10, 20);

        // The backup's second page is ringing when the doctor acknowledges from the command line: it stops ringing at once.
        var ringing = await Eventually.ValueAsync(
            async () => (await service.Dispatch.AttemptsAsync(message.Id)).FirstOrDefault(a => a.Channel == DispatchChannels.Voice && a.Step == 3),
            TimeSpan.FromSeconds(30),
            "the fourth page");
        var output = new StringWriter();
        Assert.Equal(0, await IvrCommandLine.RunAsync(["messages", "ack", message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--by", "dr-1", .. service.Settings], output));
        Assert.Contains("Escalation stopped", output.ToString(), StringComparison.Ordinal);
        var acknowledgedAt = DateTimeOffset.UtcNow;
        var stopped = await Eventually.ValueAsync(async () => await service.Dispatch.AttemptAsync(ringing.Id) is { EndedAt: not null } ended ? ended : null, TimeSpan.FromSeconds(10), "the ringing page to stop");
        Assert.Equal("cancelled", stopped.Outcome);
        Assert.True(stopped.EndedAt!.Value - ringing.StartedAt < TimeSpan.FromSeconds(6), "the page rang out instead of being stopped");
        await DispatchAtRestAsync(service, message.Id);
        var after = (await service.Dispatch.AttemptsAsync(message.Id)).Where(a => a.Channel == DispatchChannels.Voice).ToList();
        Assert.DoesNotContain(after, a => a.StartedAt > acknowledgedAt);
        Assert.Equal("dr-1", (await service.Dispatch.HistoryAsync(message.Id))[^1].Actor);
        Assert.Equal(MessageStatus.Acknowledged, (await service.Messages.GetAsync(message.Id))!.Status);
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    /// <summary>Waits until the message's dispatch is stopped and its lease given back: from then on no claim can start a page.</summary>
    private static Task DispatchAtRestAsync(ServiceUnderTest service, long messageId) =>
        Eventually.UntilAsync(async () => (await service.Dispatch.StandingAsync(messageId))?.AtRest == true, TimeSpan.FromSeconds(30), "dispatch to stop and its lease to be released");

    private static string[] Settings(SmtpSink smtp) =>
        [$"--Notifications:Smtp:Port={smtp.Port}", $"--Notifications:Webhook:Secret={Secret}", "--Notifications:PortalUrl=https://portal.riverside.test"];

    /// <summary>The patient asks to leave a message, says a name, enters the canary callback number, chooses urgent and speaks.</summary>
    internal static async Task<PatientMessage> LeaveUrgentMessageAsync(ServiceUnderTest service)
    {
        await using var sipp = await PatientCall.StartAsync(UrgentMessage(), service.Directory);
        await service.WaitForCallerAsync(sipp, TimeSpan.FromSeconds(120));
        var (_, messages, _) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        var message = Assert.Single(messages);
        Assert.Equal(CanaryCallback, message.CallbackNumber);
        return message;
    }

    internal static SippScript UrgentMessage() => SippScript.Patient()
        .WhenAsked("main-menu").Press('1')
        .WhenRecording().Speak().Press('#')
        .WhenAsked("callback-offer").Press('2')
        .WhenAsked("callback-enter").PressAll(CanaryCallback + "#")
        .WhenAsked("callback-confirm").Press('1')
        .WhenAsked("urgency-menu").Press('1')
        .WhenRecording().Speak().Press('#')
        .WhenAsked("review-menu").Press('1');

    /// <summary>A doctor who answers, presses 1 to hear the message, listens, and presses 1 when the menu after it asks.</summary>
    private static SippScript DoctorAcknowledgingThePage() => DoctorAnsweringThePageWith('1');

    private static SippScript DoctorAnsweringThePageWith(char key) => SippScript.Phone()
        .WhenAsked("page-intro").Press('1')
        .WhenAsked("page-menu").Press(key);
}
