using Ivr.Asterisk.Ami;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Ivr.Server.EndToEndTests.Support;
using Microsoft.Playwright;
using static Ivr.Server.EndToEndTests.Support.CallScripts;

namespace Ivr.Server.EndToEndTests.Portal;

/// <summary>
/// Needs a real Asterisk (with its web server and realtime endpoints), SIPp and Debian's chromium with a
/// fake microphone: an operator made with <c>ivr operator add --softphone</c> signs in to the desk page, says
/// they are available, and a SIPp patient who asks for someone now rings the page's softphone with the
/// practice's card on the screen; the operator answers with the keyboard, types the message into the form
/// and saves it, patches a SIPp doctor who presses 1, and drops off, leaving the caller with the doctor.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class DeskBrowserEndToEndTests(MediaChromium chromium) : IClassFixture<MediaChromium>
{
    private const string Password = "correct horse battery";
    private const string Test = "desk";

    [Fact]
    public async Task AnOperatorAnswersOnTheSoftphoneWithTheCardShownTypesTheMessageAndPatchesTheDoctorWhoPressesOne()
    {
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var doctor = await DoctorPressing('1').AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        var portalFolder = Path.Combine(Path.GetTempPath(), "ivr-e2e-portal-" + Guid.NewGuid().ToString("N"));
        // Its own name each run: the endpoint lives in Asterisk's file, which every test run shares.
        var username = "desk-" + Guid.NewGuid().ToString("N")[..8];
        await using var service = await ServiceUnderTest.StartAsync(
            supervisor.Port,
            [
                .. DeskOperators.Settings,
                "--Desk:AnswerTimeout=00:00:30",
                "--Portal:Enabled=true",
                "--Portal:Port=0",
                $"--Portal:CertificatePath={Path.Combine(portalFolder, "certificate.pfx")}",
                $"--Portal:KeysDirectory={Path.Combine(portalFolder, "keys")}",
                $"--Phones:Database={RealAsterisk.PhonesDatabase}",
                $"--Softphone:WebSocketUrl={RealAsterisk.SoftphoneWebSocketUrl}",
            ],
            TestPractice.Riverside(doctor.Port) with { DeskMaxHoldSeconds = 120 });
        try
        {
            await DeskOperators.AddSoftphoneAsync(service, username, Password);
            var desk = service.Get<IDeskBoard>();
            var page = await chromium.NewPageAsync(service.PortalAddress);
            await page.GotoAsync("/");
            await Chromium.SignInAsync(page, username, Password);
            var phone = page.Locator("#softphone");
            await Expect(phone).ToHaveAttributeAsync("data-registration", "registered", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
            await page.Keyboard.PressAsync("Alt+Shift+A");
            await Expect(page.Locator("#desk-status")).ToHaveAttributeAsync("data-status", "available");
            await Screenshots.SaveAsync(page, Test, "1-available");

            await using var patient = await PatientCall.StartAsync(SippScript.Patient().WhenAsked("main-menu").Press('2'), service.Directory);
            await Expect(phone).ToHaveAttributeAsync("data-call", "ringing", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
            // The card is on the screen before the operator answers.
            var card = page.Locator("#desk-call");
            await Expect(card).ToBeVisibleAsync();
            await Expect(card).ToContainTextAsync("Riverside Pediatrics answering service, this is Desk, how can I help?");
            await Expect(card).ToContainTextAsync("Never page for prescription refills.");
            await Screenshots.SaveAsync(page, Test, "2-offered");

            await page.Keyboard.PressAsync("Alt+a");
            await Expect(phone).ToHaveAttributeAsync("data-call", "answered", new LocatorAssertionsToHaveAttributeOptions { Timeout = 15_000 });
            await Eventually.UntilAsync(() => Task.FromResult(desk.View(username).Call?.Answered == true), TimeSpan.FromSeconds(30), "the desk to see the operator on the call");
            await Expect(page.Locator("#desk-form")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });

            await page.Locator("#form-callerName").FillAsync("Maria Lopez");
            await page.Locator("#form-patientName").FillAsync("Leo Lopez");
            await page.Locator("#form-dateOfBirth").FillAsync("2024-03-05");
            await page.Locator("#form-callbackNumber").FillAsync("555-987-6543");
            await page.Locator("#form-callbackReadBack").CheckAsync();
            await page.Locator("#form-reason").FillAsync("Fever and a rash after a shot");
            await page.Locator("#form-urgency-urgent").CheckAsync();
            await page.Keyboard.PressAsync("Alt+Shift+S");
            await Expect(page.Locator("#desk-saved")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
            await Screenshots.SaveAsync(page, Test, "3-saved");

            await page.Keyboard.PressAsync("Alt+Shift+P");
            await Expect(page.Locator("#desk-patch-steps")).ToContainTextAsync("accepted", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
            await Screenshots.SaveAsync(page, Test, "4-patched");
            var room = Ivr.Domain.Flow.CallFlow.RoomOf(desk.View(username).Call!.CallId);
            await Eventually.UntilAsync(async () => (await Rooms.MembersAsync(ami, room)).Count == 3, TimeSpan.FromSeconds(30), "the caller, the operator and the doctor in one room");

            await page.Keyboard.PressAsync("Alt+Shift+R");
            await Eventually.UntilAsync(async () => (await Rooms.MembersAsync(ami, room)).Count == 2, TimeSpan.FromSeconds(30), "the caller and the doctor left together");
            var doctorChannel = (await Rooms.MembersAsync(ami, room)).Single(e => e["MarkedUser"] == "Yes")["Channel"]!;
            await ami.SendActionAsync(new AmiAction("Hangup").Add("Channel", doctorChannel));
            await service.WaitForCallerAsync(patient, TimeSpan.FromSeconds(60));

            var (record, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
            Assert.Equal("connected", record.Outcome);
            var message = Assert.Single(messages, m => m.Typed is not null);
            Assert.Equal(Urgency.Urgent, message.Urgency);
            Assert.Equal("5559876543", message.CallbackNumber);
            Assert.Equal("Leo Lopez", message.Typed!.PatientName);
            Assert.Equal(username, message.Typed.TakenBy);
            Assert.Contains(events, e => e.Name == "desk-message");
            Assert.Contains(events, e => e.Name == "desk-patch");

            // The doctor's summary of the patched call names the message the operator typed.
            var summary = Assert.Single(messages, m => m.Summary is not null).Summary!;
            Assert.Equal((message.Id, username), (summary.TypedMessageId, summary.OperatorName));
            await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
        }
        finally
        {
            await service.Get<IPhoneEndpointStore>().RemoveAsync(OperatorEndpoint.Name(username));
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

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
