using Dapper;
using Ivr.Domain.Desk;

namespace Ivr.Data.Tests.Desk;

/// <summary>
/// Needs a temporary SQLite file and the test PostgreSQL cluster: each process writes the callers waiting at its desk,
/// the queue is read back in one order across processes while their desks are fresh, and a process with someone free
/// claims the head of it where another process holds the caller, never the same caller as another claimer.
/// </summary>
public sealed class SqliteDeskQueueStoreTests
{
    private const string A = "agi://10.0.0.5:4573";
    private const string B = "agi://10.0.0.6:4573";
    private const string C = "agi://10.0.0.7:4573";
    private const string D = "agi://10.0.0.8:4573";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset FreshSince = Now - Fresh;

    [Theory]
    [BothDatabases]
    public async Task PublishedCallersAreReadBackWholeInTheQueuesOrderOperatorsBeforeNurses(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A, B);

        // A time in another offset, to the tick, and a caller whose phone rings at A: read back as written.
        var odd = new DeskQueueEntry("call-odd", A, DeskLine.Operators, false, Now.AddMinutes(-3).AddMilliseconds(123.4567).ToOffset(TimeSpan.FromHours(-5)), false);
        await store.PublishAsync(A,
        [
            Entry("call-a", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 60),
            Entry("nurse-1", A, DeskLine.Nurses, urgent: true, queuedSecondsAgo: 5),
            Entry("urgent-late", A, DeskLine.Operators, urgent: true, queuedSecondsAgo: 10),
            Entry("call-B", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 60),
            odd,
        ]);
        await store.PublishAsync(B,
        [
            Entry("nurse-2", B, DeskLine.Nurses, urgent: false, queuedSecondsAgo: 500),
            Entry("urgent-early", B, DeskLine.Operators, urgent: true, queuedSecondsAgo: 20),
            Entry("b-early", B, DeskLine.Operators, urgent: false, queuedSecondsAgo: 120),
        ]);

        var waiting = await store.WaitingAsync(FreshSince);

        // Call ids compare by ordinal, not in the locale's order: "call-B" before "call-a".
        Assert.Equal(
            ["urgent-early", "urgent-late", "call-odd", "b-early", "call-B", "call-a", "nurse-1", "nurse-2"],
            waiting.Select(e => e.CallId));
        Assert.Equal(odd, waiting.Single(e => e.CallId == "call-odd"));
        Assert.Equal(Entry("nurse-1", A, DeskLine.Nurses, urgent: true, queuedSecondsAgo: 5), waiting.Single(e => e.CallId == "nurse-1"));
        Assert.Equal(Entry("b-early", B, DeskLine.Operators, urgent: false, queuedSecondsAgo: 120), waiting.Single(e => e.CallId == "b-early"));
    }

    [Theory]
    [BothDatabases]
    public async Task ASecondPublishRemovesTheCallersNoLongerListedAndUpdatesTheRest(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A, B);
        await store.PublishAsync(A,
        [
            Entry("x", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 30),
            Entry("y", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 20),
            Entry("z", A, DeskLine.Nurses, urgent: false, queuedSecondsAgo: 10),
        ]);
        await store.PublishAsync(B, [Entry("w", B, DeskLine.Operators, urgent: false, queuedSecondsAgo: 25)]);

        // y said it is urgent and its phone is ringing now; x and z left; v came.
        await store.PublishAsync(A,
        [
            Entry("y", A, DeskLine.Operators, urgent: true, queuedSecondsAgo: 20, movable: false),
            Entry("v", A, DeskLine.Nurses, urgent: false, queuedSecondsAgo: 1),
        ]);

        Assert.Equal(
            [
                Entry("y", A, DeskLine.Operators, urgent: true, queuedSecondsAgo: 20, movable: false),
                Entry("w", B, DeskLine.Operators, urgent: false, queuedSecondsAgo: 25),
                Entry("v", A, DeskLine.Nurses, urgent: false, queuedSecondsAgo: 1),
            ],
            await store.WaitingAsync(FreshSince));

        await store.PublishAsync(A, []);

        Assert.Equal([Entry("w", B, DeskLine.Operators, urgent: false, queuedSecondsAgo: 25)], await store.WaitingAsync(FreshSince));
    }

    [Theory]
    [BothDatabases]
    public async Task AClaimSurvivesARepublishByTheSameHolderButACallerWhoMovedStartsUnclaimed(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A, B, C);
        var x = Entry("x", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 30);
        var y = Entry("y", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 20);
        await store.PublishAsync(A, [x, y]);
        Assert.Equal(["x", "y"], (await ClaimAsync(store, B, DeskLine.Operators, 2)).Select(e => e.CallId));

        // The claim fields of what is published are ignored: the holder does not clear or forge claims by writing them.
        await store.PublishAsync(A, [x with { ClaimedBy = C, ClaimedAt = Now }, y]);

        Assert.Equal(new Dictionary<string, string> { ["x"] = B, ["y"] = B }, await store.ClaimsOnAsync(A, FreshSince));

        // B asked for x, but x went to C (another route); A no longer holds x.
        await store.PublishAsync(C, [x with { AgiUrl = C }]);
        await store.PublishAsync(A, [y]);

        Assert.Equal(new Dictionary<string, string> { ["y"] = B }, await store.ClaimsOnAsync(A, FreshSince));
        Assert.Empty(await store.ClaimsOnAsync(C, FreshSince));
        Assert.Equal(
            [x with { AgiUrl = C }, y with { ClaimedBy = B, ClaimedAt = Now }],
            await store.WaitingAsync(FreshSince));
    }

    [Theory]
    [BothDatabases]
    public async Task AClaimTakesTheHeadOfItsLineFirstAndNoMoreThanWantedCountingTheClaimsItHolds(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A);
        await store.PublishAsync(A,
        [
            Entry("routine-early", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 60),
            Entry("urgent", A, DeskLine.Operators, urgent: true, queuedSecondsAgo: 10),
            Entry("routine-late", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 30),
            Entry("nurse", A, DeskLine.Nurses, urgent: false, queuedSecondsAgo: 90),
        ]);

        Assert.Equal(
            [Entry("urgent", A, DeskLine.Operators, urgent: true, queuedSecondsAgo: 10) with { ClaimedBy = B, ClaimedAt = Now }],
            await ClaimAsync(store, B, DeskLine.Operators, 1));
        Assert.Empty(await ClaimAsync(store, B, DeskLine.Operators, 1));
        Assert.Empty(await ClaimAsync(store, B, DeskLine.Operators, 0));
        Assert.Equal(["routine-early"], (await ClaimAsync(store, B, DeskLine.Operators, 2)).Select(e => e.CallId));
        Assert.Equal(["routine-late"], (await ClaimAsync(store, B, DeskLine.Operators, 5)).Select(e => e.CallId));
        Assert.Empty(await ClaimAsync(store, B, DeskLine.Operators, 5));

        // The claims on the operators' line do not count on the nurses'.
        Assert.Equal(["nurse"], (await ClaimAsync(store, B, DeskLine.Nurses, 1)).Select(e => e.CallId));
        Assert.Equal(
            new Dictionary<string, string> { ["urgent"] = B, ["routine-early"] = B, ["routine-late"] = B, ["nurse"] = B },
            await store.ClaimsOnAsync(A, FreshSince));
    }

    [Theory]
    [BothDatabases]
    public async Task AClaimSkipsItsOwnCallersUnmovableOnesAStaleHoldersAndThoseAnotherClaimedFreshly(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A, B);
        await new SqliteDeskPresenceStore(temp.Database).PublishAsync(new DeskPresence(D, 1, 1, FreshSince.AddTicks(-1)));
        await store.PublishAsync(B, [Entry("b-own", B, DeskLine.Operators, urgent: true, queuedSecondsAgo: 100)]);
        await store.PublishAsync(D, [Entry("d-stale", D, DeskLine.Operators, urgent: true, queuedSecondsAgo: 90)]);
        await store.PublishAsync(A,
        [
            Entry("a-ringing", A, DeskLine.Operators, urgent: true, queuedSecondsAgo: 80, movable: false),
            Entry("a-taken", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 70),
            Entry("a-free", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 60),
        ]);

        Assert.Equal(["b-own", "a-taken"], (await ClaimAsync(store, C, DeskLine.Operators, 2)).Select(e => e.CallId));

        Assert.Equal(["a-free"], (await ClaimAsync(store, B, DeskLine.Operators, 3)).Select(e => e.CallId));
        Assert.Empty(await ClaimAsync(store, B, DeskLine.Operators, 3));
        Assert.Equal(new Dictionary<string, string> { ["a-taken"] = C, ["a-free"] = B }, await store.ClaimsOnAsync(A, FreshSince));
    }

    [Theory]
    [BothDatabases]
    public async Task AStaleClaimIsTakenOverAndNoLongerCountsForItsClaimerAndOneMadeExactlyAtFreshSinceHolds(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A);
        await store.PublishAsync(A,
        [
            Entry("x", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 60),
            Entry("y", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 50),
        ]);
        var then = Now.AddSeconds(-40);
        Assert.Equal(["x", "y"], (await store.ClaimAsync(C, DeskLine.Operators, 2, then, then - Fresh, then - Fresh)).Select(e => e.CallId));

        // C's claims of 40 seconds ago are stale: B takes the head over, and C may claim again for the one free now.
        Assert.Equal(
            [Entry("x", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 60) with { ClaimedBy = B, ClaimedAt = Now }],
            await ClaimAsync(store, B, DeskLine.Operators, 1));
        Assert.Equal(["y"], (await ClaimAsync(store, C, DeskLine.Operators, 1)).Select(e => e.CallId));
        Assert.Equal(new Dictionary<string, string> { ["x"] = B, ["y"] = C }, await store.ClaimsOnAsync(A, FreshSince));

        // Claimed at Now, believed since Now: still fresh, for the claims as for the claimer's count.
        Assert.Empty(await store.ClaimAsync(D, DeskLine.Operators, 2, Now, FreshSince, Now));
        Assert.Empty(await store.ClaimAsync(B, DeskLine.Operators, 1, Now, FreshSince, Now));
        Assert.Equal(new Dictionary<string, string> { ["x"] = B, ["y"] = C }, await store.ClaimsOnAsync(A, Now));
        Assert.Empty(await store.ClaimsOnAsync(A, Now.AddTicks(1)));
    }

    [Theory]
    [BothDatabases]
    public async Task TwoProcessesClaimingOneCallerAtOnceNeverBothWin(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A);
        for (var i = 0; i < 20; i++)
        {
            var callId = $"race-{i}";
            await store.PublishAsync(A, [Entry(callId, A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 10)]);

            var both = await Task.WhenAll(
                Task.Run(() => ClaimAsync(store, B, DeskLine.Operators, 1)),
                Task.Run(() => ClaimAsync(store, C, DeskLine.Operators, 1)));

            var won = Assert.Single(both.SelectMany(claimed => claimed));
            Assert.Equal(callId, won.CallId);
            Assert.Equal(new Dictionary<string, string> { [callId] = won.ClaimedBy! }, await store.ClaimsOnAsync(A, FreshSince));
        }
    }

    [Theory]
    [BothDatabases]
    public async Task TheClaimsOnAHoldersCallersAreTheFreshOnesOnItsRowsOnly(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A, B);
        await store.PublishAsync(A,
        [
            Entry("x", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 100),
            Entry("y", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 90),
            Entry("z", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 70),
        ]);
        await store.PublishAsync(B, [Entry("b", B, DeskLine.Operators, urgent: false, queuedSecondsAgo: 80)]);
        var then = Now.AddSeconds(-40);
        Assert.Equal(["x"], (await store.ClaimAsync(C, DeskLine.Operators, 1, then, then - Fresh, then - Fresh)).Select(e => e.CallId));

        // x's phone rings at A now: it stays claimed (stale by now), and nobody may take it over.
        await store.PublishAsync(A,
        [
            Entry("x", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 100, movable: false),
            Entry("y", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 90),
            Entry("z", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 70),
        ]);
        Assert.Equal(["y", "b"], (await ClaimAsync(store, D, DeskLine.Operators, 2)).Select(e => e.CallId));

        Assert.Equal(new Dictionary<string, string> { ["y"] = D }, await store.ClaimsOnAsync(A, FreshSince));
        Assert.Equal(new Dictionary<string, string> { ["b"] = D }, await store.ClaimsOnAsync(B, FreshSince));
        Assert.Equal(new Dictionary<string, string> { ["x"] = C, ["y"] = D }, await store.ClaimsOnAsync(A, then));
        Assert.Empty(await store.ClaimsOnAsync(C, FreshSince));
    }

    [Theory]
    [BothDatabases]
    public async Task AWithdrawnHoldersCallersAreGoneAndTheOthersStay(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A, B);
        await store.PublishAsync(A, [Entry("x", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 10)]);
        await store.PublishAsync(B, [Entry("y", B, DeskLine.Nurses, urgent: false, queuedSecondsAgo: 10)]);

        await store.WithdrawAsync(A);
        await store.WithdrawAsync("agi://never-published:4573");

        Assert.Equal([Entry("y", B, DeskLine.Nurses, urgent: false, queuedSecondsAgo: 10)], await store.WaitingAsync(FreshSince));
    }

    [Theory]
    [BothDatabases]
    public async Task TheCallersOfAHolderWhoseDeskIsStaleOrUnknownAreNotWaitingAndOneSeenExactlyAtFreshSinceIs(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteDeskQueueStore(temp.Database);
        var presence = new SqliteDeskPresenceStore(temp.Database);
        await presence.PublishAsync(new DeskPresence(A, 1, 0, FreshSince.AddTicks(-1)));
        await presence.PublishAsync(new DeskPresence(B, 1, 0, FreshSince));
        await store.PublishAsync(A, [Entry("a", A, DeskLine.Operators, urgent: true, queuedSecondsAgo: 10)]);
        await store.PublishAsync(B, [Entry("b", B, DeskLine.Operators, urgent: false, queuedSecondsAgo: 10)]);
        await store.PublishAsync(C, [Entry("c", C, DeskLine.Operators, urgent: true, queuedSecondsAgo: 90)]);

        Assert.Equal(["b"], (await store.WaitingAsync(FreshSince.ToOffset(TimeSpan.FromHours(3)))).Select(e => e.CallId));
        Assert.Equal(["b"], (await ClaimAsync(store, D, DeskLine.Operators, 3)).Select(e => e.CallId));
    }

    [Theory]
    [BothDatabases]
    public async Task ARowOnALineTheServiceDoesNotKnowIsAnErrorNotAGuess(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A);
        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO desk_queue (call_id, agi_url, line, urgent, queued_at, movable) VALUES ('x', @A, 'doctors', 0, @at, 1)",
                new { A, at = Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
        }

        var error = await Assert.ThrowsAsync<DataException>(() => store.WaitingAsync(FreshSince));
        Assert.Contains("doctors", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task APublishOfACallerHeldElsewhereOrListedTwiceIsRefused(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A);
        var x = Entry("x", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 10);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PublishAsync(A, [x, Entry("y", B, DeskLine.Operators, urgent: false, queuedSecondsAgo: 10)]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PublishAsync(A, [x, x with { Urgent = true }]));
        Assert.Empty(await store.WaitingAsync(FreshSince));
    }

    [Theory]
    [BothDatabases]
    public async Task CallersOnTheirWayToTheClaimerCountTowardWhatItWantsEachOnceWithItsClaimsInTheTable(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var store = await StoreAsync(temp, A);
        await store.PublishAsync(A,
        [
            Entry("x", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 90),
            Entry("y", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 80),
            Entry("z", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 70),
            Entry("w", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 60),
        ]);
        Assert.Equal(["x"], (await ClaimAsync(store, B, DeskLine.Operators, 1)).Select(e => e.CallId));

        // A hands x over: x leaves A's rows, and is on the way to B.
        await store.PublishAsync(A,
        [
            Entry("y", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 80),
            Entry("z", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 70),
            Entry("w", A, DeskLine.Operators, urgent: false, queuedSecondsAgo: 60),
        ]);
        Assert.Empty(await store.ClaimAsync(B, DeskLine.Operators, 1, Now, FreshSince, FreshSince, ["x"]));
        Assert.Equal(["y"], (await store.ClaimAsync(B, DeskLine.Operators, 2, Now, FreshSince, FreshSince, ["x"])).Select(e => e.CallId));

        // y, claimed in the table and named on its way too, counts once: wanting three, B claims one more.
        Assert.Equal(["z"], (await store.ClaimAsync(B, DeskLine.Operators, 3, Now, FreshSince, FreshSince, ["x", "y"])).Select(e => e.CallId));
    }

    private static async Task<SqliteDeskQueueStore> StoreAsync(TempDatabase temp, params string[] freshDesks)
    {
        await temp.Database.MigrateAsync();
        var presence = new SqliteDeskPresenceStore(temp.Database);
        foreach (var desk in freshDesks)
        {
            await presence.PublishAsync(new DeskPresence(desk, 1, 1, Now));
        }

        return new SqliteDeskQueueStore(temp.Database);
    }

    private static Task<IReadOnlyList<DeskQueueEntry>> ClaimAsync(SqliteDeskQueueStore store, string claimer, DeskLine line, int wanted) =>
        store.ClaimAsync(claimer, line, wanted, Now, FreshSince, FreshSince);

    private static DeskQueueEntry Entry(string callId, string holder, DeskLine line, bool urgent, int queuedSecondsAgo, bool movable = true) =>
        new(callId, holder, line, urgent, Now.AddSeconds(-queuedSecondsAgo), movable);
}
