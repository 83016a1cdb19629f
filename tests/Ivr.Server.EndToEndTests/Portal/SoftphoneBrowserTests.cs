using System.Text.Json;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Desk;
using Ivr.Server.EndToEndTests.Support;
using Microsoft.Playwright;

namespace Ivr.Server.EndToEndTests.Portal;

/// <summary>
/// Needs a real Asterisk (scripts/asterisk start, with its web server and realtime endpoints) and
/// Debian's chromium with a fake microphone: an operator made with <c>ivr operator add --softphone</c>
/// signs in, the softphone registers over Asterisk's WebSocket with the password the portal gives it,
/// a call originated over AMI to the operator's dial string rings in the page, Alt+A answers it,
/// Asterisk shows the channel up, the caller's audio plays in the page, and Alt+H hangs up. Then the
/// WebSocket drops (the test holds it, through Playwright): the page says so, registers again by
/// itself, and the next call rings.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class SoftphoneBrowserTests(MediaChromium chromium) : IClassFixture<MediaChromium>
{
    private const string Password = "correct horse battery";
    private const string Test = "softphone";

    [Fact]
    public async Task AnOperatorsSoftphoneRegistersRingsAnswersWithTheKeyboardAndPlaysTheCallersAudio()
    {
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        var portalFolder = Path.Combine(Path.GetTempPath(), "ivr-e2e-portal-" + Guid.NewGuid().ToString("N"));
        // Its own name each run: the endpoint lives in Asterisk's file, which every test run shares.
        var username = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var endpoint = OperatorEndpoint.Name(username);
        await using var service = await ServiceUnderTest.StartAsync(
            5079,
            [
                "--Dispatch:Enabled=false",
                // No caller runs a script here: no FastAGI port is taken from the other tests.
                "--Asterisk:FastAgi:Port=0",
                "--Portal:Enabled=true",
                "--Portal:Port=0",
                $"--Portal:CertificatePath={Path.Combine(portalFolder, "certificate.pfx")}",
                $"--Portal:KeysDirectory={Path.Combine(portalFolder, "keys")}",
                $"--Phones:Database={RealAsterisk.PhonesDatabase}",
                $"--Softphone:WebSocketUrl={RealAsterisk.SoftphoneWebSocketUrl}",
            ],
            TestPractice.Riverside());
        try
        {
            await DeskOperators.AddSoftphoneAsync(service, username, Password);

            var page = await chromium.NewPageAsync(service.PortalAddress);
            // Every WebSocket to Asterisk passes through the test, which can drop it.
            IWebSocketRoute? socket = null;
            var sockets = 0;
            await page.RouteWebSocketAsync(RealAsterisk.SoftphoneWebSocketUrl, route =>
            {
                route.ConnectToServer();
                socket = route;
                Interlocked.Increment(ref sockets);
            });
            var console = new List<string>();
            page.Console += (_, message) => console.Add(message.Text);
            await page.GotoAsync("/");
            await Chromium.SignInAsync(page, username, Password);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            // An operator lands on the desk page, which carries the softphone.
            var phone = page.Locator("#softphone");
            await Expect(phone).ToHaveAttributeAsync("data-registration", "registered", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
            await Expect(phone.Locator("[role=status]")).ToHaveTextAsync("Phone: ready");
            await Screenshots.SaveAsync(page, Test, "1-registered");

            var call = ami.OriginateAsync(new AmiAction("Originate")
                .Add("Channel", OperatorEndpoint.DialString(username))
                .Add("Context", "ivr-test")
                .Add("Exten", "prompt")
                .Add("Priority", "1")
                .Add("Timeout", "30000"));
            await Expect(phone).ToHaveAttributeAsync("data-call", "ringing", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
            await Expect(phone.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Answer (Alt+A)" })).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, Test, "2-ringing");

            await page.Keyboard.PressAsync("Alt+a");

            var answered = await call;
            Assert.True(answered.Answered, $"the originate was not answered (reason {answered.Reason}); page console:\n{string.Join('\n', console)}");
            await Expect(phone).ToHaveAttributeAsync("data-call", "answered");
            await Eventually.UntilAsync(
                async () => (await OperatorChannelsAsync(ami, endpoint)).Any(c => c["ChannelStateDesc"] == "Up"),
                TimeSpan.FromSeconds(15),
                $"Asterisk to show {endpoint}'s channel up");
            var heard = default(JsonElement);
            await Eventually.UntilAsync(
                async () =>
                {
                    heard = await page.EvaluateAsync<JsonElement>("() => document.getElementById('softphone').softphoneStats()");
                    return heard.GetProperty("packetsReceived").GetInt32() > 50 && heard.GetProperty("audioLevel").GetDouble() > 0.01;
                },
                TimeSpan.FromSeconds(20),
                () => Task.FromResult($"the caller's audio to arrive in the page (packets and a level above silence); last {heard}"));
            Assert.Equal("127.0.0.1", heard.GetProperty("localAddress").GetString());
            var audio = await page.EvaluateAsync<JsonElement>("""
                () => {
                    const a = document.querySelector('#softphone audio');
                    return { paused: a.paused, time: a.currentTime, live: !!a.srcObject && a.srcObject.getAudioTracks().some(t => t.readyState === 'live') };
                }
                """);
            Assert.False(audio.GetProperty("paused").GetBoolean(), "the remote audio element is paused");
            Assert.True(audio.GetProperty("live").GetBoolean(), "the remote audio element has no live track");
            Assert.True(audio.GetProperty("time").GetDouble() > 0.5, "the remote audio element is not playing");
            await Screenshots.SaveAsync(page, Test, "3-answered");

            await page.Keyboard.PressAsync("Alt+h");

            await Expect(phone).ToHaveAttributeAsync("data-call", "none");
            await RealAsterisk.AssertNoChannelsLeftAsync(ami);
            await Expect(phone).ToHaveAttributeAsync("data-registration", "registered");

            await socket!.CloseAsync(new WebSocketRouteCloseOptions { Code = 1006 });
            await Expect(phone).Not.ToHaveAttributeAsync("data-registration", "registered");
            await Expect(phone).ToHaveAttributeAsync("data-registration", "registered", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
            Assert.True(sockets >= 2, $"the softphone registered again without a new WebSocket ({sockets})");
            var again = ami.OriginateAsync(new AmiAction("Originate")
                .Add("Channel", OperatorEndpoint.DialString(username))
                .Add("Context", "ivr-test")
                .Add("Exten", "prompt")
                .Add("Priority", "1")
                .Add("Timeout", "30000"));
            await Expect(phone).ToHaveAttributeAsync("data-call", "ringing", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
            await Screenshots.SaveAsync(page, Test, "4-ringing-after-a-drop");
            await page.Keyboard.PressAsync("Alt+h");
            Assert.False((await again).Answered, "a call the operator turned down was answered");
            await Expect(phone).ToHaveAttributeAsync("data-call", "none");
            await RealAsterisk.AssertNoChannelsLeftAsync(ami);
        }
        finally
        {
            await service.Get<IPhoneEndpointStore>().RemoveAsync(endpoint);
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

    private static async Task<IReadOnlyList<AmiMessage>> OperatorChannelsAsync(AmiClient ami, string endpoint)
    {
        var list = await ami.SendListActionAsync(new AmiAction("CoreShowChannels"));
        return list.Events.Where(e => e.IsEvent("CoreShowChannel") && (e["Channel"] ?? string.Empty).StartsWith($"PJSIP/{endpoint}-", StringComparison.Ordinal)).ToList();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
