using System.Collections.Concurrent;
using Ivr.Asterisk.Tests.Support;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Flow;
using Ivr.Domain.Live;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Hosting;

/// <summary>
/// Needs nothing but a temporary database: the service as its host builds it, holding AMI to two in-process Asterisk
/// servers (ivr-a1 and ivr-a2) that speak the real protocol, as each process of the cluster does.
/// </summary>
public sealed class TwoAsterisksTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly OnCallContact Physician = new("dr-lee", "Dr. Lee", "PJSIP/dr-lee", TimeSpan.FromSeconds(20), "on call");

    [Fact]
    public async Task APhysicianLegForACallFromServerBIsOriginatedOnBsConnectionAndItsRoomClearedThere()
    {
        await using var a = FakeAsterisk.Start();
        await using var b = FakeAsterisk.Start();
        await using var service = await PortalUnderTest.StartAsync(FakeAsterisk.Settings(("ivr-a1", a), ("ivr-a2", b)));
        await BothUpAsync(service);
        var room = CallFlow.RoomPrefix + "ivr-a2-1764730000.17";
        var practice = new PracticeProfile(PortalUnderTest.PracticeA, "Riverside Pediatrics", "greeting", "PJSIP/fallback", "America/Chicago");

        var accepted = await service.Get<IPhysicianDialer>().DialChainAsync(new DialRequest(room, practice, null, [Physician]), _ => Task.CompletedTask, CancellationToken.None);
        await service.Get<IPhysicianDialer>().ClearRoomAsync(room, callerMayStillBeJoining: false, CancellationToken.None);

        Assert.Null(accepted);
        var leg = Assert.Single(b.ActionsNamed("Originate"));
        Assert.Equal("PJSIP/dr-lee", leg["Channel"]);
        Assert.Equal(room + "-leg1", leg["ChannelId"]);
        Assert.Equal(room, Assert.Single(b.ActionsNamed("ConfbridgeKick"))["Conference"]);
        Assert.Empty(a.ActionsNamed("Originate"));
        Assert.Empty(a.ActionsNamed("ConfbridgeKick"));
    }

    [Fact]
    public async Task APhysicianLegForACallOfTheProcesssOwnServerStaysOnIt()
    {
        await using var a = FakeAsterisk.Start();
        await using var b = FakeAsterisk.Start();
        await using var service = await PortalUnderTest.StartAsync(FakeAsterisk.Settings(("ivr-a1", a), ("ivr-a2", b)));
        await BothUpAsync(service);
        var practice = new PracticeProfile(PortalUnderTest.PracticeA, "Riverside Pediatrics", "greeting", "PJSIP/fallback", "America/Chicago");

        await service.Get<IPhysicianDialer>().DialChainAsync(new DialRequest(CallFlow.RoomPrefix + "ivr-a1-1764730000.3", practice, null, [Physician]), _ => Task.CompletedTask, CancellationToken.None);

        Assert.Single(a.ActionsNamed("Originate"));
        Assert.Empty(b.ActionsNamed("Originate"));
    }

    [Fact]
    public async Task APageGoesOutThroughAWhenTheProcesssOwnServerBIsDown()
    {
        await using var a = FakeAsterisk.Start();
        await using var b = FakeAsterisk.Start();
        await using var service = await PortalUnderTest.StartAsync(FakeAsterisk.Settings(("ivr-a2", b), ("ivr-a1", a)));
        await BothUpAsync(service);
        var servers = service.Get<AsteriskServers>();
        b.Accepting = false;
        b.DropAll();
        await Eventually.UntilAsync(() => Task.FromResult(!servers.Own.IsUp), Wait, "ivr-a2 to be lost");
        var messageId = await service.SeedMessageAsync(PortalUnderTest.PracticeA, Urgency.Urgent, withRecording: false);
        var attemptId = await service.Get<IDispatchStore>().StartAttemptAsync(messageId, 0, DispatchChannels.Voice, "dr-lee", DateTimeOffset.UtcNow);

        var outcome = await service.Get<IVoicePager>().PageAsync(new PageRequest(messageId, attemptId, 0, Physician, PortalUnderTest.PracticeA));

        Assert.Equal("busy", outcome.Outcome);
        Assert.Equal("page-" + attemptId, Assert.Single(a.ActionsNamed("Originate"))["ChannelId"]);
        Assert.Empty(b.ActionsNamed("Originate"));
    }

    [Fact]
    public async Task AServerDownForTheGracePeriodSendsOneEmailAndBackSendsOne()
    {
        await using var a = FakeAsterisk.Start();
        await using var b = FakeAsterisk.Start();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        var mail = new Mailbox();
        await using var service = await PortalUnderTest.StartAsync(
            clock,
            services => services.AddSingleton<IEmailSender>(mail),
            [.. FakeAsterisk.Settings(("ivr-a1", a), ("ivr-a2", b)), "--Dispatch:SupervisorEmail=supervisor@answering.example", "--Asterisk:Health:DownGrace=00:01:00"]);
        var health = service.Get<IPhoneServers>();
        await Eventually.UntilAsync(() => Task.FromResult(health.Servers.Count == 2 && health.Servers.All(s => s.Up)), Wait, "both servers to be shown up");

        b.Accepting = false;
        b.DropAll();
        await Eventually.UntilAsync(() => Task.FromResult(health.Servers.Single(s => s.Name == "ivr-a2") is { Up: false }), Wait, "ivr-a2 to be shown down");
        clock.Advance(TimeSpan.FromSeconds(30));
        await service.Get<AsteriskHealth>().CheckAsync();
        Assert.Empty(mail.Sent);

        clock.Advance(TimeSpan.FromSeconds(35));
        await Eventually.UntilAsync(() => Task.FromResult(!mail.Sent.IsEmpty), Wait, "the supervisor to be told");
        clock.Advance(TimeSpan.FromMinutes(5));
        await service.Get<AsteriskHealth>().CheckAsync();
        var down = Assert.Single(mail.Sent);
        Assert.Equal(NoticeKind.PhoneServerDown, down.Notice.Kind);
        Assert.Equal("supervisor@answering.example", down.Address);
        Assert.Contains("ivr-a2", down.Notice.Detail, StringComparison.Ordinal);
        Assert.True(health.Servers.Single(s => s.Name == "ivr-a1").Up);

        b.Accepting = true;
        await Eventually.UntilAsync(() => Task.FromResult(mail.Sent.Count == 2), Wait, "the supervisor to be told it is back");
        await service.Get<AsteriskHealth>().CheckAsync();
        Assert.Equal([NoticeKind.PhoneServerDown, NoticeKind.PhoneServerRestored], mail.Sent.Select(m => m.Notice.Kind));
        Assert.True(health.Servers.Single(s => s.Name == "ivr-a2").Up);
    }

    private static Task BothUpAsync(PortalUnderTest service)
    {
        var servers = service.Get<AsteriskServers>();
        return Eventually.UntilAsync(() => Task.FromResult(servers.All.Count == 2 && servers.All.All(s => s.IsUp)), Wait, "both AMI connections to log in");
    }

    private sealed class Mailbox : IEmailSender
    {
        public ConcurrentQueue<(string Address, Notice Notice)> Sent { get; } = new();

        public Task<DeliveryResult> SendAsync(string address, Notice notice, CancellationToken cancellationToken = default)
        {
            Sent.Enqueue((address, notice));
            return Task.FromResult(new DeliveryResult(true, "kept"));
        }
    }
}
