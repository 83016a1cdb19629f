using System.Collections.Concurrent;
using Ivr.Asterisk.Ami;
using Ivr.Cluster.EndToEndTests.Support;
using Ivr.Data;
using Ivr.Domain.Desk;
using Ivr.Server;
using Ivr.Telephony.Desk;
using Microsoft.Playwright;

namespace Ivr.Cluster.EndToEndTests;

/// <summary>
/// Needs the cluster (scripts/cluster), SIPp and Debian's chromium with a fake microphone. An operator signs in to a
/// service's desk page, whose softphone registers with the other Asterisk, and says they are available. A patient calls
/// the service's own Asterisk and asks for someone now: the desk finds the softphone registered with the other server
/// and rings it over the peer trunk between the servers. The operator answers in the page and is in the caller's room on
/// the caller's Asterisk, their softphone's channel on the other. With service 1 killed, its operators sign in to service
/// 2's page, and the desk goes on there.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeskAcrossServersEndToEndTests(MediaChromium chromium) : IClassFixture<MediaChromium>
{
    private const string Password = "correct horse battery";
    private const string Test = "cluster-desk";

    [Fact]
    public Task ACallerOnAsteriskOneReachesAnOperatorWhoseSoftphoneIsRegisteredWithAsteriskTwo() =>
        CallTheDeskAsync(portal: 1, callerOn: 1, "1-service-1");

    [Fact]
    public async Task WithServiceOneKilledTheOperatorSignsInToServiceTwoAndACallerOnAsteriskTwoReachesTheirSoftphoneOnAsteriskOne()
    {
        try
        {
            LoopbackCluster.KillService(1);
            await Eventually.UntilAsync(async () => !await LoopbackCluster.AcceptsAsync(LoopbackCluster.FastAgiPort(1)), TimeSpan.FromSeconds(10), "the killed service's FastAGI port to close");

            await CallTheDeskAsync(portal: 2, callerOn: 2, "2-service-1-killed");
        }
        finally
        {
            LoopbackCluster.Start();
            await LoopbackCluster.WaitUntilBothServersTakeCallsAsync();
        }
    }

    [Theory]
    [InlineData("sipp", "21")]
    [InlineData("op-Upper", "21")]
    [InlineData("op-nobody-registered", "20")]
    public async Task ThePeerTrunksContextRingsOnlyAnOperatorsEndpointAndRefusesAnythingElse(string extension, string cause)
    {
        await using var ami = await AmiClient.ConnectAsync(LoopbackCluster.AmiOptions(2));
        var hangups = new ConcurrentQueue<AmiMessage>();
        await using var watch = ami.Subscribe(
            (e, _) =>
            {
                hangups.Enqueue(e);
                return ValueTask.CompletedTask;
            },
            e => e.IsEvent("Hangup") && (e["Channel"] ?? string.Empty).StartsWith($"Local/{extension}@ivr-peer-", StringComparison.Ordinal));

        // What the other server's INVITE reaches: the context, with the request's user as the extension.
        var result = await ami.OriginateAsync(new AmiAction("Originate").Add("Channel", $"Local/{extension}@ivr-peer/n").Add("Application", "Wait").Add("Data", "1").Add("Timeout", "5000"));

        Assert.False(result.Answered);
        var hangup = await Eventually.ValueAsync(
            () => Task.FromResult(hangups.FirstOrDefault(e => e["Channel"]!.EndsWith(";2", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10),
            $"the context's end of the call to {extension}");
        // 21: refused by the context (not an operator's endpoint); 20: an operator's endpoint with no softphone registered here.
        Assert.Equal(cause, hangup["Cause"]);
    }

    /// <summary>
    /// An operator signs in to service <paramref name="portal"/>'s desk page, whose softphone registers with the other
    /// Asterisk; a patient calls Asterisk <paramref name="callerOn"/>, whose service's desk rings the softphone over the
    /// peer trunk; the operator answers and is in the caller's room there; the caller hangs up; the operator signs out.
    /// </summary>
    private async Task CallTheDeskAsync(int portal, int callerOn, string shots)
    {
        var registeredOn = 3 - portal;
        var username = "desk-" + Guid.NewGuid().ToString("N")[..8];
        var endpoint = OperatorEndpoint.Name(username);
        var phones = new SqlitePhoneEndpointStore(new PhoneEndpointOptions { Database = LoopbackCluster.PhonesDatabase });
        var directory = Path.Combine(Path.GetTempPath(), "ivr-cluster-desk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await using var callers = await AmiClient.ConnectAsync(LoopbackCluster.AmiOptions(callerOn));
        await using var softphones = await AmiClient.ConnectAsync(LoopbackCluster.AmiOptions(registeredOn));
        IPage? page = null;
        var failed = true;
        try
        {
            await AddSoftphoneOperatorAsync(username);
            page = await chromium.NewPageAsync(LoopbackCluster.PortalAddress(portal));
            await page.GotoAsync("/");
            await Chromium.SignInAsync(page, username, Password);
            var phone = page.Locator("#softphone");
            await Expect(phone).ToHaveAttributeAsync("data-registration", "registered", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
            await page.Keyboard.PressAsync("Alt+Shift+A");
            await Expect(page.Locator("#desk-status")).ToHaveAttributeAsync("data-status", "available");

            // Registered with the other Asterisk, not the one the patient calls.
            Assert.NotEmpty(await ContactsAsync(softphones, endpoint));
            Assert.Empty(await ContactsAsync(callers, endpoint));

            var patient = SippScript.Patient()
                .WhenAsked("main-menu").Press('2')
                .Wait(TimeSpan.FromSeconds(120)).HangUp();
            await using var sipp = await patient.CallAtAsync(directory, ClusterFixture.CallerNumber, ClusterFixture.PracticeNumber, LoopbackCluster.AsteriskAddress(callerOn), LoopbackCluster.AmiOptions(callerOn));

            await Expect(phone).ToHaveAttributeAsync("data-call", "ringing", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
            await Expect(page.Locator("#desk-call")).ToContainTextAsync("Riverside Pediatrics");
            await Screenshots.SaveAsync(page, Test, $"{shots}-ringing-from-the-other-server");
            await page.Keyboard.PressAsync("Alt+a");
            await Expect(phone).ToHaveAttributeAsync("data-call", "answered", new LocatorAssertionsToHaveAttributeOptions { Timeout = 15_000 });

            // On the caller's Asterisk the caller and the peer trunk's leg share the caller's room; on the other the softphone's leg is up.
            var peerLeg = "PJSIP/" + SoftphoneRoute.PeerPrefix + LoopbackCluster.UniqueIdPrefix(registeredOn);
            var (room, members) = await Eventually.ValueAsync(
                () => RoomWithAsync(callers, peerLeg),
                TimeSpan.FromSeconds(30),
                async () => $"the peer trunk's leg in the caller's room on Asterisk {callerOn} (channels: {string.Join(", ", (await ChannelsAsync(callers)).Select(c => c["Channel"]))})");
            Assert.StartsWith("ivr-" + LoopbackCluster.UniqueIdPrefix(callerOn), room, StringComparison.Ordinal);
            Assert.Equal(2, members.Count);
            Assert.Contains(await ChannelsAsync(softphones), c => c["Channel"]!.StartsWith($"PJSIP/{endpoint}-", StringComparison.Ordinal) && c["ChannelStateDesc"] == "Up");
            await Screenshots.SaveAsync(page, Test, $"{shots}-answered");

            // The caller hangs up: the operator's call ends on both servers and the record is the desk's.
            var caller = members.Single(e => e["Channel"]!.StartsWith("PJSIP/sipp-", StringComparison.Ordinal));
            await callers.SendActionAsync(new AmiAction("Hangup").Add("Channel", caller["Channel"]!));
            await Expect(phone).ToHaveAttributeAsync("data-call", "none", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
            var uniqueId = room["ivr-".Length..];
            var record = await Eventually.ValueAsync(
                async () => (await LoopbackCluster.Calls.ListAsync(50)).FirstOrDefault(c => c.UniqueId == uniqueId && c.EndedAt is not null),
                TimeSpan.FromSeconds(60),
                $"the service to finish the record of call {uniqueId}");
            Assert.Equal("operator", record.Outcome);
            var events = await LoopbackCluster.Calls.EventsAsync(record.Id);
            Assert.Contains(events, e => e.Name == "desk-answered" && e.Detail.Contains(username, StringComparison.Ordinal));
            await Eventually.UntilAsync(
                async () => (await ChannelsAsync(callers)).Count == 0 && (await ChannelsAsync(softphones)).Count == 0,
                TimeSpan.FromSeconds(20),
                "no channel left on either server");
            failed = false;
        }
        finally
        {
            // Signed out of the desk, so no later test's caller is sent to this operator's service. After a failure that
            // failure is the one to see, not this.
            if (page is not null)
            {
                try
                {
                    await SignOutOfTheDeskAsync(page);
                }
                catch (PlaywrightException) when (failed)
                {
                }
            }

            await phones.RemoveAsync(endpoint);
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Releases the call the operator may still hold (a call the caller left is theirs until released), signs out of the desk, and closes the page.</summary>
    private static async Task SignOutOfTheDeskAsync(IPage page)
    {
        var status = page.Locator("#desk-status");
        await page.Keyboard.PressAsync("Alt+Shift+R");
        await Expect(status).Not.ToHaveAttributeAsync("data-status", "on-call");
        await page.Keyboard.PressAsync("Alt+Shift+X");
        await Expect(status).ToHaveAttributeAsync("data-status", "signed-out");
        await page.CloseAsync();
    }

    /// <summary>Makes <paramref name="username"/> an operator with the desk page's softphone, as <c>ivr operator add --softphone</c> does against the cluster's database.</summary>
    private static async Task AddSoftphoneOperatorAsync(string username)
    {
        var output = new StringWriter();
        string[] settings = [.. LoopbackCluster.DataSettings, $"--Phones:Database={LoopbackCluster.PhonesDatabase}"];
        var code = await IvrCommandLine.RunAsync(["operator", "add", username, "--softphone", .. settings], output, output, new StringReader(Password));
        Assert.True(code == 0, output.ToString());
        code = await IvrCommandLine.RunAsync(["user", "second-factor", "optional", "operator", .. settings], output, output, new StringReader(string.Empty));
        Assert.True(code == 0, output.ToString());
    }

    private static async Task<string> ContactsAsync(AmiClient ami, string endpoint) =>
        (await ami.SendActionAsync(new AmiAction("Getvar").Add("Variable", $"PJSIP_DIAL_CONTACTS({endpoint})")))["Value"] ?? string.Empty;

    /// <summary>
    /// The room on <paramref name="ami"/>'s server where a member whose channel starts with <paramref name="channel"/> is
    /// with the SIPp caller, and its members; null while there is none (the caller steps out of their wait and back in
    /// when the operator answers).
    /// </summary>
    private static async Task<Room?> RoomWithAsync(AmiClient ami, string channel)
    {
        var rooms = await ami.SendListActionAsync(new AmiAction("ConfbridgeListRooms"));
        foreach (var room in rooms.Events.Where(e => e.IsEvent("ConfbridgeListRooms")).Select(e => e["Conference"]!))
        {
            var members = (await ami.SendListActionAsync(new AmiAction("ConfbridgeList").Add("Conference", room))).Events.Where(e => e.IsEvent("ConfbridgeList")).ToList();
            if (members.Any(m => m["Channel"]!.StartsWith(channel, StringComparison.Ordinal)) && members.Any(m => m["Channel"]!.StartsWith("PJSIP/sipp-", StringComparison.Ordinal)))
            {
                return new Room(room, members);
            }
        }

        return null;
    }

    private static async Task<IReadOnlyList<AmiMessage>> ChannelsAsync(AmiClient ami) =>
        (await ami.SendListActionAsync(new AmiAction("CoreShowChannels"))).Events.Where(e => e.IsEvent("CoreShowChannel")).ToList();

    private sealed record Room(string Name, IReadOnlyList<AmiMessage> Members);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
