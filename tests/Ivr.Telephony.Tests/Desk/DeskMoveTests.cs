using Ivr.Asterisk.Tests.Support;
using Ivr.Domain.Desk;
using Ivr.Telephony.Desk;

namespace Ivr.Telephony.Tests.Desk;

/// <summary>
/// Needs a temporary database, no Asterisk (a fake AMI server where a caller is taken out of their room): a caller waiting
/// while nobody on their line is free at this process's desk moves to another process's desk with someone free. The desk
/// names that desk only while nobody here is free, lets a waiting caller go without counting them as having left, counts
/// who is free for the others, and takes the first caller who may move out of their timed wait once.
/// </summary>
public sealed class DeskMoveTests
{
    private const string Own = "agi://127.0.0.1:4573";
    private const string Other = "agi://10.0.0.2:4573";
    private const string Caller = "PJSIP/patient-00000001";

    [Fact]
    public async Task FreeElsewhereIsNullWhileSomeoneOnTheLineIsFreeHereAndOtherwiseNamesTheFreshDeskWithTheMostFree()
    {
        // Sam's phone rings for the caller: sam is at the desk, but not free.
        await using var desk = await DeskUnderTest.StartAsync();
        Assert.Equal(OperatorStatus.Offered, desk.Service.View("sam").Status);
        Assert.True((await desk.Service.SetStatusAsync("garcia", OperatorStatus.Available, null)).Done);
        var now = desk.Clock.GetUtcNow();
        await desk.Presence.PublishAsync(new DeskPresence(Own, 5, 5, now, OperatorsFree: 5, NursesFree: 5));
        await desk.Presence.PublishAsync(new DeskPresence(Other, 3, 2, now, OperatorsFree: 0, NursesFree: 1));
        await desk.Presence.PublishAsync(new DeskPresence("agi://10.0.0.3:4573", 1, 0, now.AddSeconds(-10), OperatorsFree: 1));
        await desk.Presence.PublishAsync(new DeskPresence("agi://10.0.0.4:4573", 2, 0, now - DeskService.PresenceFresh - TimeSpan.FromSeconds(1), OperatorsFree: 2));
        await desk.Presence.PublishAsync(new DeskPresence("agi://10.0.0.5:4573", 4, 0, now, OperatorsFree: 0));

        // Not the desks with the most signed in (nobody free there), nor the stale one with two free, nor this process's own row.
        Assert.Equal("agi://10.0.0.3:4573", await desk.Service.FreeElsewhereAsync(DeskLine.Operators));
        // Garcia is free on the nurse line here: a caller for a nurse is offered here, whoever is free elsewhere.
        Assert.Null(await desk.Service.FreeElsewhereAsync(DeskLine.Nurses));

        // The caller leaves: sam is free again, and the operators' line stays here too.
        Assert.True(await desk.Service.LeaveAsync(desk.CallId, DeskLeave.Message));
        Assert.Equal(OperatorStatus.Available, desk.Service.View("sam").Status);
        Assert.Null(await desk.Service.FreeElsewhereAsync(DeskLine.Operators));

        // Garcia on break: nobody on the nurse line is free here, someone is at the other desk.
        Assert.True((await desk.Service.SetStatusAsync("garcia", OperatorStatus.OnBreak, "lunch")).Done);
        Assert.Equal(Other, await desk.Service.FreeElsewhereAsync(DeskLine.Nurses));
    }

    [Fact]
    public async Task FreeElsewhereNamesAnotherDeskWhileTheOnlyOperatorHereIsOnBreak()
    {
        await using var desk = await DeskUnderTest.StartAsync(samOnBreak: true);
        await desk.Presence.PublishAsync(new DeskPresence(Other, 1, 0, desk.Clock.GetUtcNow(), OperatorsFree: 1));

        Assert.Equal(Other, await desk.Service.FreeElsewhereAsync(DeskLine.Operators));
        Assert.Null(await desk.Service.FreeElsewhereAsync(DeskLine.Nurses));
    }

    [Fact]
    public async Task AMovedCallerLeavesTheQueueWithATimelineEventAndNoLeaveInTheDeskLog()
    {
        await using var desk = await DeskUnderTest.StartAsync(samOnBreak: true);
        Assert.Equal((DeskStage.Waiting, 1), (desk.Service.Standing(desk.CallId).Stage, desk.Service.Standing(desk.CallId).Position));
        var queued = await Eventually.ValueAsync(
            async () => (await desk.DeskCallsAsync()).FirstOrDefault(c => c.CallRecordId == desk.CallRecordId),
            TimeSpan.FromSeconds(10),
            "the caller's queueing in the desk log");
        desk.Clock.Advance(TimeSpan.FromSeconds(42));

        Assert.True(await desk.Service.MoveAsync(desk.CallId));

        Assert.Equal(DeskStage.Done, desk.Service.Standing(desk.CallId).Stage);
        Assert.Empty(desk.Service.Floor().Waiting);
        Assert.False(await desk.Service.MoveAsync(desk.CallId));
        // The caller's flow lets go of the desk as it hands the call over: still not a caller who hung up waiting.
        await desk.Service.EndAsync(desk.CallId);

        var timeline = await desk.TimelineAsync();
        var moved = Assert.Single(timeline, e => e.Name == "desk-moved");
        Assert.Equal(desk.Clock.GetUtcNow(), moved.At);
        Assert.StartsWith("moved after 42 s:", moved.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(timeline, e => e.Name is "desk-left" or "desk-abandoned");

        // Sam's status, written after the move, is in the desk log: a leave written by the move would be there by now too.
        Assert.True((await desk.Service.SetStatusAsync("sam", OperatorStatus.Available, null)).Done);
        await Eventually.UntilAsync(
            async () => (await desk.StatusChangesAsync()).Any(c => c.Operator == "sam" && c.Status == OperatorStatus.Available),
            TimeSpan.FromSeconds(10),
            "sam's being available in the desk log");
        var fact = Assert.Single(await desk.DeskCallsAsync());
        Assert.Equal((queued.QueuedAt, null, null, null), (fact.QueuedAt, fact.LeftAt, fact.LeftHow, fact.AnsweredAt));
    }

    [Fact]
    public async Task ACallerAnOperatorsPhoneIsRingingForIsNotMoved()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        Assert.Equal(OperatorStatus.Offered, desk.Service.View("sam").Status);

        Assert.False(await desk.Service.MoveAsync(desk.CallId));

        Assert.Equal(DeskStage.Waiting, desk.Service.Standing(desk.CallId).Stage);
        Assert.Equal((OperatorStatus.Offered, desk.CallId), (desk.Service.View("sam").Status, desk.Service.View("sam").Call?.CallId));
        Assert.DoesNotContain(await desk.TimelineAsync(), e => e.Name == "desk-moved");
    }

    [Fact]
    public async Task ACallerHandedInFromAnotherProcessIsNotMovedAgain()
    {
        await using var desk = await DeskUnderTest.StartAsync(samOnBreak: true, handedIn: true);
        await desk.Presence.PublishAsync(new DeskPresence(Other, 1, 0, desk.Clock.GetUtcNow(), OperatorsFree: 1));

        Assert.False(await desk.Service.MoveAsync(desk.CallId));

        Assert.Equal((DeskStage.Waiting, 1), (desk.Service.Standing(desk.CallId).Stage, desk.Service.Standing(desk.CallId).Position));
        Assert.DoesNotContain(await desk.TimelineAsync(), e => e.Name == "desk-moved");
    }

    [Fact]
    public async Task PresenceCountsThoseFreeOnEachLineAmongThoseSignedIn()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        var now = desk.Clock.GetUtcNow();
        // Sam's phone rings for the caller.
        Assert.Equal(new DeskPresence(Own, 1, 0, now, OperatorsFree: 0, NursesFree: 0), desk.Service.Presence());

        Assert.True((await desk.Service.SetStatusAsync("garcia", OperatorStatus.Available, null)).Done);
        Assert.Equal(new DeskPresence(Own, 1, 1, now, OperatorsFree: 0, NursesFree: 1), desk.Service.Presence());

        Assert.True(await desk.Service.LeaveAsync(desk.CallId, DeskLeave.Message));
        Assert.Equal(new DeskPresence(Own, 1, 1, now, OperatorsFree: 1, NursesFree: 1), desk.Service.Presence());

        Assert.True((await desk.Service.SetStatusAsync("sam", OperatorStatus.WrapUp, null)).Done);
        Assert.True((await desk.Service.SetStatusAsync("garcia", OperatorStatus.OnBreak, "lunch")).Done);
        Assert.Equal(new DeskPresence(Own, 1, 1, now, OperatorsFree: 0, NursesFree: 0), desk.Service.Presence());

        Assert.True((await desk.Service.SetStatusAsync("garcia", OperatorStatus.SignedOut, null)).Done);
        Assert.Equal(new DeskPresence(Own, 1, 0, now, OperatorsFree: 0, NursesFree: 0), desk.Service.Presence());
    }

    [Fact]
    public async Task ANudgeTakesTheWaitingCallerOutOfTheirRoomOnceWhenNobodyIsFreeHereAndSomeoneIsElsewhere()
    {
        await using var asterisk = FakeAmiServer.Start();
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller, samOnBreak: true);
        await desk.Presence.PublishAsync(new DeskPresence(Other, 1, 0, desk.Clock.GetUtcNow(), OperatorsFree: 1));

        await desk.Service.NudgeAsync(CancellationToken.None);

        var kick = Assert.Single(asterisk.ActionsNamed("ConfbridgeKick"));
        Assert.Equal((DeskUnderTest.Room, Caller), (kick["Conference"], kick["Channel"]));
        // Only taken out of the wait: their flow decides to move, and they wait here meanwhile.
        Assert.Equal(DeskStage.Waiting, desk.Service.Standing(desk.CallId).Stage);

        await desk.Service.NudgeAsync(CancellationToken.None);
        Assert.Single(asterisk.ActionsNamed("ConfbridgeKick"));
    }

    [Fact]
    public async Task AKickThatFoundTheCallerOutsideTheirRoomIsTriedAgainAndATakenOutCallerIsTakenOutAgainOnlyAfterAWhile()
    {
        await using var asterisk = FakeAmiServer.Start();
        var inRoom = false;
        asterisk.OnAction = (action, _) => action.Name.Equals("ConfbridgeKick", StringComparison.OrdinalIgnoreCase) && !Volatile.Read(ref inRoom)
            ? $"Response: Error\r\nActionID: {action.ActionId}\r\nMessage: No Channel by that name found in conference.\r\n\r\n"
            : $"Response: Success\r\nActionID: {action.ActionId}\r\n\r\n";
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller, samOnBreak: true);
        await desk.Presence.PublishAsync(new DeskPresence(Other, 1, 0, desk.Clock.GetUtcNow(), OperatorsFree: 1));

        // Hearing an announcement: the kick finds nobody, and the next heartbeat tries again.
        await desk.Service.NudgeAsync(CancellationToken.None);
        Volatile.Write(ref inRoom, true);
        await desk.Service.NudgeAsync(CancellationToken.None);
        Assert.Equal(2, asterisk.ActionsNamed("ConfbridgeKick").Count());

        // Taken out, and still waiting (say the other desk's operator was taken meanwhile): not again at once, again after a while.
        await desk.Service.NudgeAsync(CancellationToken.None);
        Assert.Equal(2, asterisk.ActionsNamed("ConfbridgeKick").Count());
        desk.Clock.Advance(DeskService.PresenceFresh);
        await desk.Presence.PublishAsync(new DeskPresence(Other, 1, 0, desk.Clock.GetUtcNow(), OperatorsFree: 1));
        await desk.Service.NudgeAsync(CancellationToken.None);
        Assert.Equal(3, asterisk.ActionsNamed("ConfbridgeKick").Count());
    }

    [Fact]
    public async Task ACallerMovedInKeepsTheirPlaceByTheirFirstQueueingAheadOfThoseWhoCameLater()
    {
        await using var desk = await DeskUnderTest.StartAsync(samOnBreak: true);
        desk.Clock.Advance(TimeSpan.FromSeconds(30));
        const string Moved = "1764558000.23";
        const string Later = "1764558000.24";
        await desk.JoinAnotherAsync(Moved, "PJSIP/patient-00000003", queuedBefore: desk.CameIn);
        await desk.JoinAnotherAsync(Later, "PJSIP/patient-00000004");

        // The first caller joined here a minute after the night began; the moved one first queued (elsewhere) at its start.
        Assert.Equal((1, 2, 3), (desk.Service.Standing(Moved).Position, desk.Service.Standing(desk.CallId).Position, desk.Service.Standing(Later).Position));
    }

    [Fact]
    public async Task ANudgePassesOverACallerHandedInToTheNextWaitingCaller()
    {
        const string Second = "PJSIP/patient-00000002";
        await using var asterisk = FakeAmiServer.Start();
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller, samOnBreak: true, handedIn: true);
        desk.Clock.Advance(TimeSpan.FromSeconds(10));
        await desk.JoinAnotherAsync("1764558000.22", Second);
        await desk.Presence.PublishAsync(new DeskPresence(Other, 1, 0, desk.Clock.GetUtcNow(), OperatorsFree: 1));

        await desk.Service.NudgeAsync(CancellationToken.None);

        var kick = Assert.Single(asterisk.ActionsNamed("ConfbridgeKick"));
        Assert.Equal(("ivr-1764558000.22", Second), (kick["Conference"], kick["Channel"]));
    }

    [Fact]
    public async Task NoNudgeWhileNobodyElsewhereIsFreeOnTheCallersLineAndOneOnceSomeoneIs()
    {
        await using var asterisk = FakeAmiServer.Start();
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller, samOnBreak: true);
        var now = desk.Clock.GetUtcNow();
        await desk.Presence.PublishAsync(new DeskPresence(Other, 3, 1, now, OperatorsFree: 0, NursesFree: 1));
        await desk.Presence.PublishAsync(new DeskPresence("agi://10.0.0.4:4573", 2, 0, now - DeskService.PresenceFresh - TimeSpan.FromSeconds(1), OperatorsFree: 2));

        await desk.Service.NudgeAsync(CancellationToken.None);
        Assert.Empty(asterisk.ActionsNamed("ConfbridgeKick"));

        // The nudge that found nobody did not count: once someone is free elsewhere, the caller is taken out.
        await desk.Presence.PublishAsync(new DeskPresence(Other, 3, 1, now, OperatorsFree: 1, NursesFree: 1));
        await desk.Service.NudgeAsync(CancellationToken.None);
        Assert.Equal(Caller, Assert.Single(asterisk.ActionsNamed("ConfbridgeKick"))["Channel"]);
    }

    [Fact]
    public async Task NoNudgeForACallerAnOperatorsPhoneIsRingingFor()
    {
        await using var asterisk = AnsweringOriginates();
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller);
        await Eventually.UntilAsync(() => Task.FromResult(asterisk.ActionsNamed("Originate").Any()), TimeSpan.FromSeconds(10), "sam's phone rung");
        Assert.Equal(OperatorStatus.Offered, desk.Service.View("sam").Status);
        await desk.Presence.PublishAsync(new DeskPresence(Other, 1, 0, desk.Clock.GetUtcNow(), OperatorsFree: 1));

        await desk.Service.NudgeAsync(CancellationToken.None);

        Assert.Empty(asterisk.ActionsNamed("ConfbridgeKick"));
    }

    /// <summary>A fake Asterisk where every operator's phone answers (the operator's leg never runs) and every other action succeeds.</summary>
    private static FakeAmiServer AnsweringOriginates()
    {
        var server = FakeAmiServer.Start();
        server.OnAction = (action, _) =>
        {
            var id = action.ActionId;
            return action.Name.Equals("Originate", StringComparison.OrdinalIgnoreCase)
                ? $"Response: Success\r\nActionID: {id}\r\nMessage: Originate successfully queued\r\n\r\n"
                    + $"Event: OriginateResponse\r\nActionID: {id}\r\nResponse: Success\r\nChannel: {action["Channel"]}\r\nReason: 4\r\nUniqueid: 1764558000.30\r\n\r\n"
                : $"Response: Success\r\nActionID: {id}\r\n\r\n";
        };
        return server;
    }
}
