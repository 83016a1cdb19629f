using Ivr.Asterisk.Tests.Support;
using Ivr.Domain.Desk;
using Ivr.Telephony.Desk;
using Ivr.Telephony.Tests.Support;

namespace Ivr.Telephony.Tests.Desk;

/// <summary>
/// Needs nothing but a temporary database: this process's desk published for the others (at once when who is signed in
/// changes, on a heartbeat otherwise, withdrawn at stop), and the other processes' desks a caller can be handed to.
/// </summary>
public sealed class DeskPresenceTests
{
    private const string Own = "agi://127.0.0.1:4573";

    [Fact]
    public async Task ThePublisherWritesWhoIsSignedInAtOnceWhenItChangesBeatsOnTheClockAndWithdrawsWhenTheServiceStops()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        var logger = new ListLogger<DeskPresencePublisher>();
        var heartbeats = new DrivenClock();
        using var publisher = new DeskPresencePublisher(desk.Service, desk.Presence, desk.Queue, heartbeats, logger);
        await publisher.StartAsync(CancellationToken.None);

        var first = await RowAsync(desk, r => r.Operators == 1);
        Assert.Equal((1, 0, desk.Clock.GetUtcNow()), (first.Operators, first.Nurses, first.SeenAt));

        // Garcia, a nurse, signs in: published without the clock moving.
        Assert.True((await desk.Service.SetStatusAsync("garcia", OperatorStatus.Available, null)).Done);
        Assert.Equal(first.SeenAt, (await RowAsync(desk, r => r.Nurses == 1)).SeenAt);

        // Nothing changes: the heartbeat writes the row again once it is due.
        desk.Clock.Advance(TimeSpan.FromSeconds(1));
        await heartbeats.ElapseAsync(DeskPresencePublisher.Every);
        var beat = await RowAsync(desk, r => r.SeenAt == desk.Clock.GetUtcNow());
        Assert.Equal((1, 1), (beat.Operators, beat.Nurses));

        await publisher.StopAsync(CancellationToken.None);
        Assert.Empty(await desk.Presence.OthersAsync("agi://elsewhere:1", DateTimeOffset.MinValue));
        Assert.DoesNotContain(logger.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePublisherWritesAtOnceWhenSomeoneBecomesFreeThoughNobodySignedInOrOut()
    {
        // Sam's phone rings for the caller: signed in, not free.
        await using var desk = await DeskUnderTest.StartAsync();
        var heartbeats = new DrivenClock();
        using var publisher = new DeskPresencePublisher(desk.Service, desk.Presence, desk.Queue, heartbeats, new ListLogger<DeskPresencePublisher>());
        await publisher.StartAsync(CancellationToken.None);
        var first = await RowAsync(desk, r => r.Operators == 1);
        Assert.Equal((0, 0), (first.OperatorsFree, first.NursesFree));

        // The caller leaves: sam is free, published without the clock moving (no heartbeat).
        Assert.True(await desk.Service.LeaveAsync(desk.CallId, DeskLeave.Message));

        var freed = await RowAsync(desk, r => r.OperatorsFree == 1);
        Assert.Equal((1, 0, 0, first.SeenAt), (freed.Operators, freed.Nurses, freed.NursesFree, freed.SeenAt));
        await publisher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AtAHeartbeatThePublisherWritesTheSharedQueueAndTakesACallerAnotherProcessClaimedOutOfTheirRoomOnce()
    {
        const string Caller = "PJSIP/patient-00000001";
        const string Other = "agi://10.0.0.2:4573";
        await using var asterisk = FakeAmiServer.Start();
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller, samOnBreak: true);
        var heartbeats = new DrivenClock();
        using var publisher = new DeskPresencePublisher(desk.Service, desk.Presence, desk.Queue, heartbeats, new ListLogger<DeskPresencePublisher>());
        await publisher.StartAsync(CancellationToken.None);
        await RowAsync(desk, r => r.Operators == 1);
        var fresh = desk.Clock.GetUtcNow() - DeskService.PresenceFresh;
        await Eventually.UntilAsync(async () => (await desk.Queue.WaitingAsync(fresh)).Any(e => e.CallId == desk.CallId), TimeSpan.FromSeconds(10), "the caller in the shared queue");

        // Once the first heartbeat has looked (nobody had claimed the caller then) and the next is due, another process claims them.
        await heartbeats.ElapseAsync(DeskPresencePublisher.Every);
        var now = desk.Clock.GetUtcNow();
        Assert.Single(await desk.Queue.ClaimAsync(Other, DeskLine.Operators, 1, now, fresh, fresh));

        await heartbeats.ElapseAsync(DeskPresencePublisher.Every);

        await Eventually.UntilAsync(() => Task.FromResult(asterisk.ActionsNamed("ConfbridgeKick").Any()), TimeSpan.FromSeconds(10), "the caller taken out of their room");
        Assert.Equal(Other, await desk.Service.FreeElsewhereAsync(desk.CallId, DeskLine.Operators));
        // Two more heartbeats, the second due only once the first has looked: the caller is not taken out again.
        await heartbeats.ElapseAsync(DeskPresencePublisher.Every);
        await heartbeats.ElapseAsync(DeskPresencePublisher.Every);
        var kick = Assert.Single(asterisk.ActionsNamed("ConfbridgeKick"));
        Assert.Equal((DeskUnderTest.Room, Caller), (kick["Conference"], kick["Channel"]));

        // Stopped: the process's callers leave the shared queue with its desk (read with the desk's row written again).
        await publisher.StopAsync(CancellationToken.None);
        await desk.Presence.PublishAsync(desk.Service.Presence());
        Assert.Empty(await desk.Queue.WaitingAsync(DateTimeOffset.MinValue));
    }

    [Fact]
    public async Task ElsewhereNamesTheFreshDeskWithTheMostPeopleOnTheLineAskedForAndNeverThisProcesssOwn()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        var now = desk.Clock.GetUtcNow();
        var presence = desk.Presence;
        await presence.PublishAsync(new DeskPresence(Own, 5, 5, now));
        await presence.PublishAsync(new DeskPresence("agi://10.0.0.2:4573", 1, 0, now));
        await presence.PublishAsync(new DeskPresence("agi://10.0.0.3:4573", 2, 0, now.AddSeconds(-10)));
        await presence.PublishAsync(new DeskPresence("agi://10.0.0.4:4573", 0, 1, now));
        await presence.PublishAsync(new DeskPresence("agi://10.0.0.5:4573", 9, 9, now - DeskService.PresenceFresh - TimeSpan.FromSeconds(1)));

        Assert.Equal("agi://10.0.0.3:4573", await desk.Service.ElsewhereAsync(DeskLine.Operators));
        Assert.Equal("agi://10.0.0.4:4573", await desk.Service.ElsewhereAsync(DeskLine.Nurses));

        await presence.WithdrawAsync("agi://10.0.0.4:4573");
        Assert.Null(await desk.Service.ElsewhereAsync(DeskLine.Nurses));
    }

    /// <summary>This process's published row once it satisfies <paramref name="holds"/>: the publisher writes on its own task.</summary>
    private static Task<DeskPresence> RowAsync(DeskUnderTest desk, Func<DeskPresence, bool> holds) =>
        Eventually.ValueAsync(
            async () => (await desk.Presence.OthersAsync("agi://elsewhere:1", DateTimeOffset.MinValue)).FirstOrDefault(r => r.AgiUrl == Own && holds(r)),
            TimeSpan.FromSeconds(10),
            "this process's desk published");
}
