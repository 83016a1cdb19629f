using Ivr.Asterisk.Ami;
using Ivr.Domain.Desk;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Triage;
using Ivr.Server.EndToEndTests.Support;
using Microsoft.Playwright;

namespace Ivr.Server.EndToEndTests.Portal;

/// <summary>
/// Needs a real Asterisk, SIPp, an SMTP server on loopback and Debian's chromium: a SIPp patient who asks for someone
/// now is answered by an operator's SIPp phone; the operator transfers the caller to the nurse line, whose nurse (made
/// with <c>ivr operator add --nurse</c>, her SIPp phone rung by the desk) works the example fever protocol in the
/// browser to "emergency department now" and finishes; the urgent message pages the SIPp physician, who hears the
/// triage read with the disposition first and acknowledges.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class TriageEndToEndTests(MediaChromium chromium) : IClassFixture<MediaChromium>
{
    private const string Password = "correct horse battery";
    private const string Test = "triage-e2e";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AnOperatorTransfersTheCallerToTheNurseWhoTriagesInTheBrowserToTheEmergencyDepartmentAndThePhysicianIsPagedWithTheDispositionFirst()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var smtp = await SmtpSink.StartAsync();
        await using var operatorPhone = await SippScript.Phone().AnswerAsync();
        await using var nursePhone = await SippScript.Phone().AnswerAsync();
        await using var doctor = await SippScript.Phone().WhenAsked("page-intro").Press('1').WhenAsked("page-menu").Press('1').AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        var portalFolder = Path.Combine(Path.GetTempPath(), "ivr-e2e-portal-" + Guid.NewGuid().ToString("N"));
        await using var service = await ServiceUnderTest.StartAsync(
            supervisor.Port,
            [
                .. DeskOperators.Settings,
                "--Dispatch:Enabled=true",
                $"--Notifications:Smtp:Port={smtp.Port}",
                "--Portal:Enabled=true",
                "--Portal:Port=0",
                $"--Portal:CertificatePath={Path.Combine(portalFolder, "certificate.pfx")}",
                $"--Portal:KeysDirectory={Path.Combine(portalFolder, "keys")}",
            ],
            TestPractice.Riverside(doctor.Port) with { DeskMaxHoldSeconds = 180 });
        try
        {
            // A telecom admin's setup: the example protocols and a nurse with a desk phone.
            await IvrAsync(service, ["protocol", "import", .. Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "protocols", "examples"), "*.yaml").Order(StringComparer.Ordinal)]);
            await IvrAsync(service, ["operator", "add", "garcia", "--nurse", "--phone", $"PJSIP/sipp/sip:garcia@127.0.0.1:{nursePhone.Port}"], Password);
            await IvrAsync(service, ["user", "second-factor", "optional", "nurse"]);
            var desk = await DeskOperators.AvailableAsync(service, "sam", operatorPhone.Port);
            Assert.True((await desk.SetStatusAsync("garcia", OperatorStatus.Available, null)).Done);
            Assert.Null(desk.View("garcia").Call);

            await using var patient = await PatientCall.StartAsync(SippScript.Patient().WhenAsked("main-menu").Press('2'), service.Directory);
            await Eventually.UntilAsync(() => Task.FromResult(desk.View("sam").Call?.Answered == true), Long, "sam on the call");
            Assert.Equal(OperatorStatus.Available, desk.View("garcia").Status);

            // The operator sends the caller to the nurse line: the nurse's phone rings and she has the caller.
            var transfer = await desk.TransferAsync("sam", DeskTransferTarget.Nurse);
            Assert.True(transfer.Done, transfer.Refusal);
            await Eventually.UntilAsync(() => Task.FromResult(desk.View("garcia").Call?.Answered == true), Long, "the nurse on the call");
            Assert.Equal(OperatorStatus.WrapUp, desk.View("sam").Status);
            var room = Ivr.Domain.Flow.CallFlow.RoomOf(desk.View("garcia").Call!.CallId);
            await Eventually.UntilAsync(async () => (await Rooms.MembersAsync(ami, room)).Count == 2, Long, "the caller and the nurse in one room");

            // The nurse works the fever protocol in the browser.
            var page = await chromium.NewPageAsync(service.PortalAddress);
            await page.GotoAsync("/");
            await Chromium.SignInAsync(page, "garcia", Password);
            await page.GotoAsync("/triage");
            await Expect(page.Locator("#card-greeting")).ToContainTextAsync("Riverside Pediatrics");
            await page.Locator("#triage-search").FillAsync("fever");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#triage-found li")).ToContainTextAsync("Fever in a child");
            await page.Locator("#triage-found button").ClickAsync();
            await Expect(page.Locator("#triage-progress")).ToHaveTextAsync("Question 1 of 7");
            await page.Keyboard.PressAsync("Alt+Shift+N");
            await Expect(page.Locator("#triage-progress")).ToHaveTextAsync("Question 2 of 7");
            await page.Keyboard.PressAsync("Alt+Shift+Y");
            await Expect(page.Locator("#triage-reached-words")).ToHaveTextAsync("go to the emergency department now");
            await page.Locator("#form-callerName").FillAsync("Maria Lopez");
            await page.Locator("#form-patientName").FillAsync("Leo Lopez");
            await page.Locator("#form-dateOfBirth").FillAsync("2026-10-01");
            await page.Locator("#form-callbackNumber").FillAsync("555-987-6543");
            await page.Locator("#form-callbackReadBack").CheckAsync();
            await page.Locator("#form-callbackReadBack").PressAsync("Enter");
            await Expect(page.Locator("#triage-summary-text")).ToContainTextAsync("Finished: go to the emergency department now", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
            await Screenshots.SaveAsync(page, Test, "finished");

            // The urgent message pages the on-call physician, who hears the disposition first and acknowledges.
            var record = await Eventually.ValueAsync(async () => (await service.Get<ITriageRecordStore>().ForCallAsync(desk.View("garcia").Call!.CallRecordId)).SingleOrDefault(), Long, "the kept triage");
            Assert.Equal((Disposition.EmergencyDepartmentNow, Disposition.EmergencyDepartmentNow, "garcia"), (record.Pathway.Computed, record.Pathway.Final, record.Pathway.Nurse));
            var message = (await service.Messages.GetAsync(record.MessageId!.Value))!;
            Assert.Equal(Urgency.Urgent, message.Urgency);
            Assert.StartsWith("triage: ", message.Typed!.Reason, StringComparison.Ordinal);
            Assert.Contains("emergency department now, fever in a child, nurse garcia", message.Typed.Reason, StringComparison.Ordinal);
            await Eventually.UntilAsync(async () => (await service.Messages.GetAsync(message.Id))!.Status == MessageStatus.Acknowledged, TimeSpan.FromSeconds(120), "the physician's acknowledgement");
            var history = await service.Dispatch.HistoryAsync(message.Id);
            var heard = Assert.Single(history, h => h.Status == MessageStatus.Delivered);
            Assert.Equal("dr-1", heard.Actor);
            Assert.StartsWith("heard on a voice page: typed message read: disposition line first, then patient, callback number", heard.Detail, StringComparison.Ordinal);
            Assert.Equal("dr-1", history[^1].Actor);
            Assert.Contains(await service.Dispatch.AttemptsAsync(message.Id), a => a.Channel == DispatchChannels.Voice);

            // The nurse releases the call: the caller's call ends, its timeline telling the transfer.
            Assert.True((await desk.ReleaseAsync("garcia")).Done);
            await service.WaitForCallerAsync(patient, Long);
            var (call, _, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
            Assert.Equal("nurse garcia handled the call", call.OutcomeDetail);
            Assert.Contains(events, e => e.Name == "desk-transfer" && e.Detail == "operator sam transferred the caller to the nurse line");
            Assert.Contains(events, e => e.Name == "desk-answered" && e.Detail.StartsWith("nurse garcia answered", StringComparison.Ordinal));
            await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
        }
        finally
        {
            try
            {
                Directory.Delete(portalFolder, recursive: true);
            }
            catch (IOException)
            {
                // Never made (the test failed first) or still in use: a temporary folder either way.
            }
        }
    }

    [Fact]
    public async Task ACallerWhoPressesThreeForANurseWaitsOnTheNurseLineAndTheNursesPhoneRingsWhileTheOperatorsDoesNot()
    {
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var operatorPhone = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var nursePhone = await SippScript.Phone().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, DeskOperators.Settings, TestPractice.Riverside() with { NurseOption = true, DeskMaxHoldSeconds = 120 });
        var desk = await DeskOperators.AvailableAsync(service, "sam", operatorPhone.Port);
        await DeskOperators.AvailableAsync(service, "garcia", nursePhone.Port, Ivr.Domain.Accounts.PortalRole.Nurse);

        await using var patient = await PatientCall.StartAsync(SippScript.Patient().WhenAsked("main-menu-nurse").Press('3'), service.Directory);

        await Eventually.UntilAsync(() => Task.FromResult(desk.View("garcia").Call?.Answered == true), Long, "the nurse on the call");
        Assert.Equal(OperatorStatus.Available, desk.View("sam").Status);
        Assert.Contains("pressed 3: speak with a nurse", desk.View("garcia").Call!.Path.Select(p => p.What));
        Assert.True((await desk.ReleaseAsync("garcia")).Done);
        await service.WaitForCallerAsync(patient, Long);
        var (call, _, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal("nurse garcia handled the call", call.OutcomeDetail);
        Assert.Contains(events, e => e.Name == "desk-queued" && e.Detail == "waiting for a nurse (routine)");
        Assert.Contains(events, e => e.Name == "desk-offered" && e.Detail == "offered to nurse garcia");
        Assert.DoesNotContain(events, e => e.Name == "desk-offered" && e.Detail.Contains("sam", StringComparison.Ordinal));
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    private static async Task IvrAsync(ServiceUnderTest service, string[] arguments, string input = "")
    {
        var output = new StringWriter();
        var exitCode = await IvrCommandLine.RunAsync([.. arguments, .. service.Settings], output, output, new StringReader(input));
        Assert.True(exitCode == 0, output.ToString());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
