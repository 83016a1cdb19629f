using Ivr.Asterisk.Ami;
using Ivr.Asterisk.Tests.Support;
using Ivr.Telephony.Desk;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Telephony.Tests.Desk;

/// <summary>
/// Needs nothing: the dial string the desk rings an operator's softphone on, from fake Asterisk servers (ivr-a1, ivr-a2,
/// ivr-a3) that speak the real protocol and answer <c>Getvar PJSIP_DIAL_CONTACTS(op-NAME)</c> with a contact where the
/// softphone is registered. The caller's server rings it as it is; another that has it carries the ring over the peer trunk.
/// </summary>
public sealed class SoftphoneRouteTests
{
    private const string Sam = "PJSIP/op-sam";
    private const string Contact = "PJSIP/op-sam/sip:op-sam@192.0.2.10:5060;transport=udp";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ASoftphoneRegisteredOnTheCallersServerIsRungAsItIsAndNoOtherServerIsAsked()
    {
        await using var cluster = await Cluster.StartAsync(new("ivr-a1", Has("op-sam")), new("ivr-a2", Has("op-sam")));

        Assert.Equal(Sam, await cluster.RingAsync(Sam, from: "ivr-a1"));
        Assert.Single(cluster.Fake("ivr-a1").ActionsNamed("Getvar"));
        Assert.Empty(cluster.Fake("ivr-a2").ActionsNamed("Getvar"));
    }

    [Fact]
    public async Task ASoftphoneRegisteredOnlyOnAnotherServerIsRungOverThePeerTrunkToIt()
    {
        await using var cluster = await Cluster.StartAsync(new("ivr-a1", Nothing), new("ivr-a2", Has("op-sam")));

        Assert.Equal("PJSIP/op-sam@peer-ivr-a2", await cluster.RingAsync(Sam, from: "ivr-a1"));
        Assert.Equal("PJSIP_DIAL_CONTACTS(op-sam)", Assert.Single(cluster.Fake("ivr-a1").ActionsNamed("Getvar"))["Variable"]);
        Assert.Equal("PJSIP_DIAL_CONTACTS(op-sam)", Assert.Single(cluster.Fake("ivr-a2").ActionsNamed("Getvar"))["Variable"]);
    }

    [Fact]
    public async Task ASoftphoneRegisteredNowhereIsRungAsItIs()
    {
        await using var cluster = await Cluster.StartAsync(new("ivr-a1", Has("op-lee")), new("ivr-a2", Has("op-lee")));

        Assert.Equal(Sam, await cluster.RingAsync(Sam, from: "ivr-a1"));
        Assert.Single(cluster.Fake("ivr-a1").ActionsNamed("Getvar"));
        Assert.Single(cluster.Fake("ivr-a2").ActionsNamed("Getvar"));
    }

    [Fact]
    public async Task APhoneThatIsNoOperatorsSoftphoneIsRungAsItIsWithoutAskingAnyServer()
    {
        // ivr-a2 claims a contact for anything it is asked about: only not asking keeps these phones as they are.
        await using var cluster = await Cluster.StartAsync(new("ivr-a1", Nothing), new("ivr-a2", Everything));

        foreach (var phone in new[] { "PJSIP/sipp/sip:sam@127.0.0.1:5070", "PJSIP/op-Bad&PJSIP/x", "PJSIP/dr-lee", "PJSIP/op-", "SIP/op-sam" })
        {
            Assert.Equal(phone, await cluster.RingAsync(phone, from: "ivr-a1"));
        }

        Assert.Empty(cluster.Fake("ivr-a1").ActionsNamed("Getvar"));
        Assert.Empty(cluster.Fake("ivr-a2").ActionsNamed("Getvar"));
    }

    [Fact]
    public async Task WithOneServerTheSoftphoneIsRungAsItIsWithoutAsking()
    {
        await using var cluster = await Cluster.StartAsync(new Asterisk("ivr-a1", Nothing));

        Assert.Equal(Sam, await cluster.RingAsync(Sam, from: "ivr-a1"));
        Assert.Empty(cluster.Fake("ivr-a1").ActionsNamed("Getvar"));
    }

    [Fact]
    public async Task AnErrorFromTheOtherServerLeavesTheSoftphoneAsItIs()
    {
        await using var cluster = await Cluster.StartAsync(new("ivr-a1", Nothing), new("ivr-a2", Has("op-sam")) { Errors = true });

        Assert.Equal(Sam, await cluster.RingAsync(Sam, from: "ivr-a1"));
        Assert.Single(cluster.Fake("ivr-a2").ActionsNamed("Getvar"));
    }

    [Fact]
    public async Task AnOtherServerWhoseAmiIsNotConnectedLeavesTheSoftphoneAsItIs()
    {
        await using var cluster = await Cluster.StartAsync(new("ivr-a1", Nothing), new("ivr-a2", Everything) { Down = true });

        Assert.Null(cluster.Servers.Named("ivr-a2").Connected);
        Assert.Equal(Sam, await cluster.RingAsync(Sam, from: "ivr-a1"));
        Assert.Single(cluster.Fake("ivr-a1").ActionsNamed("Getvar"));
        Assert.Empty(cluster.Fake("ivr-a2").ActionsNamed("Getvar"));
    }

    [Fact]
    public async Task TheFirstOtherServerThatHasTheSoftphoneCarriesTheRingPastOnesThatCannotSay()
    {
        // The caller is on ivr-a2, not the process's own server; ivr-a1 answers with an error, ivr-a3 and ivr-a4 have sam.
        await using var cluster = await Cluster.StartAsync(
            new("ivr-a1", Everything) { Errors = true },
            new("ivr-a2", Nothing),
            new("ivr-a3", Has("op-sam")),
            new("ivr-a4", Has("op-sam")));

        Assert.Equal("PJSIP/op-sam@peer-ivr-a3", await cluster.RingAsync(Sam, from: "ivr-a2"));
        Assert.Single(cluster.Fake("ivr-a1").ActionsNamed("Getvar"));
        Assert.Single(cluster.Fake("ivr-a2").ActionsNamed("Getvar"));
        Assert.Empty(cluster.Fake("ivr-a4").ActionsNamed("Getvar"));
    }

    private static Func<string, bool> Nothing => _ => false;

    private static Func<string, bool> Everything => _ => true;

    /// <summary>A server where exactly <paramref name="endpoints"/> have a contact: asked with any other variable, none.</summary>
    private static Func<string, bool> Has(params string[] endpoints) =>
        variable => endpoints.Any(endpoint => variable == $"PJSIP_DIAL_CONTACTS({endpoint})");

    /// <summary>
    /// One fake Asterisk server: its systemname; for which <c>Getvar</c> variable it has a contact; whether it answers every
    /// <c>Getvar</c> with an error instead; whether it refuses AMI connections.
    /// </summary>
    private sealed record Asterisk(string Name, Func<string, bool> HasContact)
    {
        public bool Errors { get; init; }

        public bool Down { get; init; }
    }

    /// <summary>The servers, the first the process's own, each on its fake and logged in (unless down), and the route over them.</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly Dictionary<string, FakeAmiServer> _fakes;
        private readonly SoftphoneRoute _route;

        private Cluster(Dictionary<string, FakeAmiServer> fakes, AsteriskServers servers)
        {
            _fakes = fakes;
            Servers = servers;
            _route = new SoftphoneRoute(servers, NullLogger.Instance);
        }

        public AsteriskServers Servers { get; }

        public static async Task<Cluster> StartAsync(params Asterisk[] asterisks)
        {
            var diagnostics = new AsteriskDiagnosticsLogger(NullLogger<AsteriskDiagnosticsLogger>.Instance);
            var fakes = asterisks.ToDictionary(a => a.Name, Start);
            var servers = new AsteriskServers(asterisks.Select(a => new AmiConnectionService(a.Name, fakes[a.Name].ClientOptions(), diagnostics, NullLogger.Instance)).ToList());
            var cluster = new Cluster(fakes, servers);
            await servers.StartAsync(CancellationToken.None);
            foreach (var asterisk in asterisks.Where(a => !a.Down))
            {
                await servers.Named(asterisk.Name).ClientAsync().WaitAsync(Wait);
            }

            return cluster;
        }

        public FakeAmiServer Fake(string name) => _fakes[name];

        /// <summary>The dial string for <paramref name="phone"/> from the server named <paramref name="from"/>; the bound only keeps a hang from stalling the run.</summary>
        public Task<string> RingAsync(string phone, string from) => _route.DialStringAsync(phone, Servers.Named(from)).WaitAsync(Wait);

        public async ValueTask DisposeAsync()
        {
            await Servers.StopAsync(CancellationToken.None);
            foreach (var server in Servers.All)
            {
                server.Dispose();
            }

            foreach (var fake in _fakes.Values)
            {
                await fake.DisposeAsync();
            }
        }

        private static FakeAmiServer Start(Asterisk asterisk)
        {
            var fake = FakeAmiServer.Start();
            fake.Accepting = !asterisk.Down;
            fake.OnAction = (action, _) =>
            {
                var id = action.ActionId;
                if (!action.Name.Equals("Getvar", StringComparison.OrdinalIgnoreCase))
                {
                    return $"Response: Success\r\nActionID: {id}\r\n\r\n";
                }

                var contact = asterisk.HasContact(action["Variable"] ?? string.Empty) ? Contact : string.Empty;
                // An error is no answer, even with a Value in it.
                return asterisk.Errors
                    ? $"Response: Error\r\nActionID: {id}\r\nMessage: Function PJSIP_DIAL_CONTACTS failed\r\nValue: {contact}\r\n\r\n"
                    : $"Response: Success\r\nActionID: {id}\r\nVariable: {action["Variable"]}\r\nValue: {contact}\r\n\r\n";
            };
            return fake;
        }
    }
}
