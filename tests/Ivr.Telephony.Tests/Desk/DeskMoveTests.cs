using Ivr.Asterisk.Tests.Support;
using Ivr.Domain.Desk;
using Ivr.Telephony.Desk;
using Ivr.Telephony.Tests.Support;

namespace Ivr.Telephony.Tests.Desk;

/// <summary>
/// Needs a temporary database, no Asterisk (a fake AMI server where a caller is taken out of their room): the desk's queue
/// is one across processes in the database. A process with someone free and nobody waiting claims the head of it; a
/// caller waiting here while nobody on their line is free here moves to the process that claimed them. The desk names
/// that process only once it has read the claim, lets a waiting caller go without counting them as having left, counts
/// who is free for the others, and takes a claimed caller out of their timed wait once.
/// </summary>
public sealed class DeskMoveTests
{
    private const string Own = "agi://127.0.0.1:4573";
    private const string Other = "agi://10.0.0.2:4573";
    private const string Caller = "PJSIP/patient-00000001";

    [Fact]
    public async Task FreeElsewhereNamesTheProcessThatClaimedTheCallerFromTheSharedQueueOnceARoundHasReadTheClaim()
    {
        await using var asterisk = AnsweringOriginates();
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller, samOnBreak: true);
        await RoundAsync(desk);

        // The caller is in the shared queue, held here, by their queueing; nobody claimed them yet.
        var row = Assert.Single(await desk.Queue.WaitingAsync(desk.Clock.GetUtcNow() - DeskService.PresenceFresh));
        Assert.Equal(new DeskQueueEntry(desk.CallId, Own, DeskLine.Operators, false, desk.CameIn.AddMinutes(1), true), row);
        Assert.Equal((0, (DateTimeOffset?)null), (desk.Service.Floor().ElsewhereWaiting, desk.Service.Floor().ElsewhereLongestSince));
        Assert.Null(await desk.Service.FreeElsewhereAsync(desk.CallId, DeskLine.Operators));

        // Another process with someone free claims them: this desk knows at its next round, not before.
        Assert.Equal(desk.CallId, Assert.Single(await ClaimAsync(desk, Other)).CallId);
        Assert.Null(await desk.Service.FreeElsewhereAsync(desk.CallId, DeskLine.Operators));
        await RoundAsync(desk);
        Assert.Equal(Other, await desk.Service.FreeElsewhereAsync(desk.CallId, DeskLine.Operators));
        Assert.Null(await desk.Service.FreeElsewhereAsync("1764558000.99", DeskLine.Operators));

        // Sam comes back from lunch: someone is free here, the caller is offered here and goes nowhere.
        Assert.True((await desk.Service.SetStatusAsync("sam", OperatorStatus.Available, null)).Done);
        Assert.Null(await desk.Service.FreeElsewhereAsync(desk.CallId, DeskLine.Operators));
        await RoundAsync(desk);
        Assert.False(Assert.Single(await desk.Queue.WaitingAsync(desk.Clock.GetUtcNow() - DeskService.PresenceFresh)).Movable);
    }

    [Fact]
    public async Task AProcessWithSomeoneFreeAndNobodyWaitingClaimsTheHeadOfTheSharedQueueOneCallerAPersonFree()
    {
        // Sam's phone rings for the caller; the caller leaves: sam is free, and nobody waits here.
        await using var desk = await DeskUnderTest.StartAsync();
        Assert.True(await desk.Service.LeaveAsync(desk.CallId, DeskLeave.Message));
        var now = desk.Clock.GetUtcNow();
        await desk.Presence.PublishAsync(new DeskPresence(Other, 2, 0, now));
        await desk.Queue.PublishAsync(
            Other,
            [
                new DeskQueueEntry("1764558000.40", Other, DeskLine.Operators, false, now.AddMinutes(-5), true),
                new DeskQueueEntry("1764558000.41", Other, DeskLine.Operators, true, now.AddMinutes(-1), true),
                new DeskQueueEntry("1764558000.42", Other, DeskLine.Operators, true, now.AddMinutes(-9), false),
                new DeskQueueEntry("1764558000.43", Other, DeskLine.Nurses, true, now.AddMinutes(-9), true),
            ]);

        await RoundAsync(desk);

        // The live view hears how many wait at the other process, and since when (its unmovable caller too).
        Assert.Equal((4, now.AddMinutes(-9)), (desk.Service.Floor().ElsewhereWaiting, desk.Service.Floor().ElsewhereLongestSince));
        // One person free: one claim, the head of the operators' line among those who may move (urgent before routine).
        Assert.Equal(new Dictionary<string, string> { ["1764558000.41"] = Own }, await desk.Queue.ClaimsOnAsync(Other, now - DeskService.PresenceFresh));
        // Another round while the claim is fresh: sam's one claim is made, nobody more is claimed.
        await RoundAsync(desk);
        Assert.Single(await desk.Queue.ClaimsOnAsync(Other, now - DeskService.PresenceFresh));

        // The other process hands the claimed caller over: they leave its rows and are on their way here. A round in
        // that moment claims nobody else for sam.
        await desk.Queue.PublishAsync(
            Other,
            [
                new DeskQueueEntry("1764558000.40", Other, DeskLine.Operators, false, now.AddMinutes(-5), true),
                new DeskQueueEntry("1764558000.42", Other, DeskLine.Operators, true, now.AddMinutes(-9), false),
                new DeskQueueEntry("1764558000.43", Other, DeskLine.Nurses, true, now.AddMinutes(-9), true),
            ]);
        await RoundAsync(desk);
        Assert.Empty(await desk.Queue.ClaimsOnAsync(Other, now - DeskService.PresenceFresh));

        // They arrive (offered to sam at once): sam is not free, and nothing is on its way any more.
        await desk.JoinAnotherAsync("1764558000.41", "PJSIP/patient-00000041", queuedBefore: now.AddMinutes(-1));
        Assert.Equal(OperatorStatus.Offered, desk.Service.View("sam").Status);
        await RoundAsync(desk);
        Assert.Empty(await desk.Queue.ClaimsOnAsync(Other, now - DeskService.PresenceFresh));
        Assert.True(await desk.Service.LeaveAsync("1764558000.41", DeskLeave.Message));

        // Sam goes on break: nobody here is free, and the next claim, once the first lapses, is nobody's.
        Assert.True((await desk.Service.SetStatusAsync("sam", OperatorStatus.OnBreak, "lunch")).Done);
        desk.Clock.Advance(DeskService.PresenceFresh + TimeSpan.FromSeconds(1));
        await desk.Presence.PublishAsync(new DeskPresence(Other, 2, 0, desk.Clock.GetUtcNow()));
        await RoundAsync(desk);
        Assert.Empty(await desk.Queue.ClaimsOnAsync(Other, desk.Clock.GetUtcNow() - DeskService.PresenceFresh));
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
    public async Task ARoundTakesAClaimedCallerOutOfTheirRoomOnceAndNobodyUnclaimed()
    {
        await using var asterisk = FakeAmiServer.Start();
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller, samOnBreak: true);
        await RoundAsync(desk);
        Assert.Empty(asterisk.ActionsNamed("ConfbridgeKick"));

        Assert.Single(await ClaimAsync(desk, Other));
        await RoundAsync(desk);

        var kick = Assert.Single(asterisk.ActionsNamed("ConfbridgeKick"));
        Assert.Equal((DeskUnderTest.Room, Caller), (kick["Conference"], kick["Channel"]));
        // Only taken out of the wait: their flow decides to move, and they wait here meanwhile.
        Assert.Equal(DeskStage.Waiting, desk.Service.Standing(desk.CallId).Stage);

        await RoundAsync(desk);
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
        await RoundAsync(desk);
        Assert.Single(await ClaimAsync(desk, Other));

        // Hearing an announcement: the kick finds nobody, and the next round tries again.
        await RoundAsync(desk);
        Volatile.Write(ref inRoom, true);
        await RoundAsync(desk);
        Assert.Equal(2, asterisk.ActionsNamed("ConfbridgeKick").Count());

        // Taken out, and still waiting (say the flow found the claimer's operator taken meanwhile): not again at once,
        // again after a while if a process claims them again.
        await RoundAsync(desk);
        Assert.Equal(2, asterisk.ActionsNamed("ConfbridgeKick").Count());
        desk.Clock.Advance(DeskService.PresenceFresh + TimeSpan.FromSeconds(1));
        Assert.Single(await ClaimAsync(desk, Other));
        await RoundAsync(desk);
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
        // The shared queue holds the moved caller by their first queueing too.
        await RoundAsync(desk);
        Assert.Equal(desk.CameIn, Assert.Single(await desk.Queue.WaitingAsync(desk.Clock.GetUtcNow() - DeskService.PresenceFresh), e => e.CallId == Moved).QueuedAt);
    }

    [Fact]
    public async Task ACallerHandedInIsInTheSharedQueueButNeverClaimedTheNextCallerIsTakenOut()
    {
        const string Second = "PJSIP/patient-00000002";
        await using var asterisk = FakeAmiServer.Start();
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller, samOnBreak: true, handedIn: true);
        desk.Clock.Advance(TimeSpan.FromSeconds(10));
        await desk.JoinAnotherAsync("1764558000.22", Second);
        await RoundAsync(desk);
        Assert.False(Assert.Single(await desk.Queue.WaitingAsync(desk.Clock.GetUtcNow() - DeskService.PresenceFresh), e => e.CallId == desk.CallId).Movable);

        Assert.Equal("1764558000.22", Assert.Single(await ClaimAsync(desk, Other)).CallId);
        await RoundAsync(desk);

        var kick = Assert.Single(asterisk.ActionsNamed("ConfbridgeKick"));
        Assert.Equal(("ivr-1764558000.22", Second), (kick["Conference"], kick["Channel"]));
    }

    [Fact]
    public async Task ACallerAnOperatorsPhoneIsRingingForIsNeverClaimedNorTakenOut()
    {
        await using var asterisk = AnsweringOriginates();
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller);
        await Eventually.UntilAsync(() => Task.FromResult(asterisk.ActionsNamed("Originate").Any()), TimeSpan.FromSeconds(10), "sam's phone rung");
        Assert.Equal(OperatorStatus.Offered, desk.Service.View("sam").Status);
        await RoundAsync(desk);

        Assert.Empty(await ClaimAsync(desk, Other));
        await RoundAsync(desk);

        Assert.Empty(asterisk.ActionsNamed("ConfbridgeKick"));
        Assert.Null(await desk.Service.FreeElsewhereAsync(desk.CallId, DeskLine.Operators));
    }

    [Fact]
    public async Task WhileTheSharedQueueIsAwayTheDeskSaysSoOnceKeepsItsCallerAndSaysWhenItIsBack()
    {
        var away = new AwayQueue();
        var logger = new ListLogger<DeskService>();
        await using var desk = await DeskUnderTest.StartAsync(samOnBreak: true, queue: store => away.Over(store), logger: logger);

        away.Away = true;
        await RoundAsync(desk);
        await RoundAsync(desk);

        Assert.Single(logger.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("shared queue", StringComparison.Ordinal));
        Assert.Equal((DeskStage.Waiting, 1), (desk.Service.Standing(desk.CallId).Stage, desk.Service.Standing(desk.CallId).Position));
        Assert.Null(await desk.Service.FreeElsewhereAsync(desk.CallId, DeskLine.Operators));

        away.Away = false;
        await RoundAsync(desk);
        Assert.Contains(logger.Lines, l => l.Contains("The shared queue is reached again", StringComparison.Ordinal));
        Assert.Equal(desk.CallId, Assert.Single(await desk.Queue.WaitingAsync(desk.Clock.GetUtcNow() - DeskService.PresenceFresh)).CallId);
    }

    /// <summary>The database's shared queue, unreachable while <see cref="Away"/> (every call throws as a refused connection would).</summary>
    private sealed class AwayQueue
    {
        public volatile bool Away;

        public IDeskQueueStore Over(IDeskQueueStore store) => new Store(this, store);

        private sealed class Store(AwayQueue away, IDeskQueueStore inner) : IDeskQueueStore
        {
            public Task PublishAsync(string agiUrl, IReadOnlyList<DeskQueueEntry> waiting, CancellationToken cancellationToken = default) =>
                Reached() ?? inner.PublishAsync(agiUrl, waiting, cancellationToken);

            public async Task<IReadOnlyList<DeskQueueEntry>> ClaimAsync(string claimer, DeskLine line, int wanted, DateTimeOffset now, DateTimeOffset holderFreshSince, DateTimeOffset claimFreshSince, IReadOnlyCollection<string>? arriving = null, CancellationToken cancellationToken = default)
            {
                await (Reached() ?? Task.CompletedTask);
                return await inner.ClaimAsync(claimer, line, wanted, now, holderFreshSince, claimFreshSince, arriving, cancellationToken);
            }

            public async Task<IReadOnlyDictionary<string, string>> ClaimsOnAsync(string agiUrl, DateTimeOffset claimFreshSince, CancellationToken cancellationToken = default)
            {
                await (Reached() ?? Task.CompletedTask);
                return await inner.ClaimsOnAsync(agiUrl, claimFreshSince, cancellationToken);
            }

            public async Task<IReadOnlyList<DeskQueueEntry>> WaitingAsync(DateTimeOffset holderFreshSince, CancellationToken cancellationToken = default)
            {
                await (Reached() ?? Task.CompletedTask);
                return await inner.WaitingAsync(holderFreshSince, cancellationToken);
            }

            public Task WithdrawAsync(string agiUrl, CancellationToken cancellationToken = default) => Reached() ?? inner.WithdrawAsync(agiUrl, cancellationToken);

            private Task? Reached() => away.Away ? Task.FromException(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)) : null;
        }
    }

    /// <summary>One round of the shared queue, as the publisher runs it at a heartbeat, with this desk's presence fresh.</summary>
    private static async Task RoundAsync(DeskUnderTest desk)
    {
        await desk.Presence.PublishAsync(desk.Service.Presence());
        await desk.Service.ShareQueueAsync(CancellationToken.None);
    }

    /// <summary><paramref name="claimer"/>, with one operator free, claims what it can on the operators' line now (this desk's presence fresh).</summary>
    private static async Task<IReadOnlyList<DeskQueueEntry>> ClaimAsync(DeskUnderTest desk, string claimer)
    {
        await desk.Presence.PublishAsync(desk.Service.Presence());
        var now = desk.Clock.GetUtcNow();
        return await desk.Queue.ClaimAsync(claimer, DeskLine.Operators, 1, now, now - DeskService.PresenceFresh, now - DeskService.PresenceFresh);
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
