using Ivr.Asterisk.Ami;
using Ivr.Cluster.EndToEndTests.Support;
using Ivr.Data;
using Ivr.Domain.Desk;
using Ivr.Server;
using Ivr.Telephony.Desk;
using Microsoft.Playwright;

namespace Ivr.Cluster.EndToEndTests;

/// <summary>
/// Needs the cluster (scripts/cluster), SIPp and Debian's chromium with a fake microphone. An operator signs in to
/// service 1's desk page, whose softphone registers with Asterisk 2, and says they are available. A patient calls
/// Asterisk 1 and asks for someone now: service 1's desk finds the softphone registered with the other server and rings
/// it over the peer trunk between the servers. The operator answers in the page and is in the caller's room on
/// Asterisk 1, their softphone's channel on Asterisk 2.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeskAcrossServersEndToEndTests(MediaChromium chromium) : IClassFixture<MediaChromium>
{
    private const string Password = "correct horse battery";
    private const string Test = "cluster-desk";

    [Fact]
    public async Task ACallerOnAsteriskOneReachesAnOperatorWhoseSoftphoneIsRegisteredWithAsteriskTwo()
    {
        var username = "desk-" + Guid.NewGuid().ToString("N")[..8];
        var endpoint = OperatorEndpoint.Name(username);
        var phones = new SqlitePhoneEndpointStore(new PhoneEndpointOptions { Database = LoopbackCluster.PhonesDatabase });
        var directory = Path.Combine(Path.GetTempPath(), "ivr-cluster-desk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await using var first = await AmiClient.ConnectAsync(LoopbackCluster.AmiOptions(1));
        await using var second = await AmiClient.ConnectAsync(LoopbackCluster.AmiOptions(2));
        try
        {
            await AddSoftphoneOperatorAsync(username);
            var page = await chromium.NewPageAsync(LoopbackCluster.PortalAddress);
            await page.GotoAsync("/");
            await Chromium.SignInAsync(page, username, Password);
            var phone = page.Locator("#softphone");
            await Expect(phone).ToHaveAttributeAsync("data-registration", "registered", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
            await page.Keyboard.PressAsync("Alt+Shift+A");
            await Expect(page.Locator("#desk-status")).ToHaveAttributeAsync("data-status", "available");

            // Registered with Asterisk 2 and not with Asterisk 1, the server the patient calls.
            Assert.NotEmpty(await ContactsAsync(second, endpoint));
            Assert.Empty(await ContactsAsync(first, endpoint));

            var patient = SippScript.Patient()
                .WhenAsked("main-menu").Press('2')
                .Wait(TimeSpan.FromSeconds(120)).HangUp();
            await using var sipp = await patient.CallAtAsync(directory, ClusterFixture.CallerNumber, ClusterFixture.PracticeNumber, LoopbackCluster.AsteriskAddress(1), LoopbackCluster.AmiOptions(1));

            await Expect(phone).ToHaveAttributeAsync("data-call", "ringing", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
            await Expect(page.Locator("#desk-call")).ToContainTextAsync("Riverside Pediatrics");
            await Screenshots.SaveAsync(page, Test, "1-ringing-from-the-other-server");
            await page.Keyboard.PressAsync("Alt+a");
            await Expect(phone).ToHaveAttributeAsync("data-call", "answered", new LocatorAssertionsToHaveAttributeOptions { Timeout = 15_000 });

            // On Asterisk 1 the caller and the peer trunk's leg share the caller's room; on Asterisk 2 the softphone's leg is up.
            var peerLeg = "PJSIP/" + SoftphoneRoute.PeerPrefix + LoopbackCluster.UniqueIdPrefix(2);
            var (room, members) = await Eventually.ValueAsync(
                () => RoomWithAsync(first, peerLeg),
                TimeSpan.FromSeconds(30),
                async () => $"the peer trunk's leg in the caller's room on Asterisk 1 (channels: {string.Join(", ", (await ChannelsAsync(first)).Select(c => c["Channel"]))})");
            Assert.StartsWith("ivr-" + LoopbackCluster.UniqueIdPrefix(1), room, StringComparison.Ordinal);
            Assert.Equal(2, members.Count);
            Assert.Contains(await ChannelsAsync(second), c => c["Channel"]!.StartsWith($"PJSIP/{endpoint}-", StringComparison.Ordinal) && c["ChannelStateDesc"] == "Up");
            await Screenshots.SaveAsync(page, Test, "2-answered");

            // The caller hangs up: the operator's call ends on both servers and the record is the desk's.
            var caller = members.Single(e => e["Channel"]!.StartsWith("PJSIP/sipp-", StringComparison.Ordinal));
            await first.SendActionAsync(new AmiAction("Hangup").Add("Channel", caller["Channel"]!));
            await Expect(phone).ToHaveAttributeAsync("data-call", "none", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
            var uniqueId = room["ivr-".Length..];
            var record = await Eventually.ValueAsync(
                async () => (await LoopbackCluster.Calls.ListAsync(50)).FirstOrDefault(c => c.UniqueId == uniqueId && c.EndedAt is not null),
                TimeSpan.FromSeconds(60),
                $"service 1 to finish the record of call {uniqueId}");
            Assert.Equal("operator", record.Outcome);
            var events = await LoopbackCluster.Calls.EventsAsync(record.Id);
            Assert.Contains(events, e => e.Name == "desk-answered" && e.Detail.Contains(username, StringComparison.Ordinal));
            await Eventually.UntilAsync(
                async () => (await ChannelsAsync(first)).Count == 0 && (await ChannelsAsync(second)).Count == 0,
                TimeSpan.FromSeconds(20),
                "no channel left on either server");
        }
        finally
        {
            await phones.RemoveAsync(endpoint);
            Directory.Delete(directory, recursive: true);
        }
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
