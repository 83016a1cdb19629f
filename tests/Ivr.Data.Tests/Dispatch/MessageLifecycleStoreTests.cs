using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Data.Tests.Dispatch;

/// <summary>Needs nothing but a temporary folder: the store persists the domain's transitions and refuses a write over a message that moved.</summary>
public sealed class MessageLifecycleStoreTests
{
    [Theory]
    [BothDatabases]
    public async Task OfTwoProcessesAcknowledgingAtOnceOnlyTheFirstWriteLands(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var id = await f.MessageAsync(Urgency.Urgent);
        var secondProcess = f.SecondProcessStore();
        var mine = (await f.Store.LifecycleAsync(id))!;
        var theirs = (await secondProcess.LifecycleAsync(id))!;

        Assert.True(mine.Acknowledge("dr-1", f.Clock.GetUtcNow(), "pressed 1"));
        Assert.True(theirs.Acknowledge("dr-2", f.Clock.GetUtcNow(), "pressed 1"));
        Assert.True(await f.Store.SaveAsync(mine));
        Assert.False(await secondProcess.SaveAsync(theirs));

        var history = await f.Store.HistoryAsync(id);
        Assert.Equal([MessageStatus.Received, MessageStatus.Acknowledged], history.Select(h => h.Status));
        Assert.Equal("dr-1", history[^1].Actor);
        Assert.Equal(MessageStatus.Acknowledged, (await f.Messages.GetAsync(id))!.Status);
    }

    [Theory]
    [BothDatabases]
    public async Task AChangeRefusedBecauseTheMessageMovedIsDecidedAgainOnWhereItIsNow(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var id = await f.MessageAsync(Urgency.Urgent);
        var seen = new List<MessageStatus>();

        var resolved = await f.Store.ChangeAsync(id, lifecycle =>
        {
            seen.Add(lifecycle.Status);
            if (seen.Count == 1)
            {
                // Another process acknowledges between this one's read and its write.
                Assert.True(f.Store.AdvanceAsync(id, MessageStatus.Acknowledged, "dr-2", "pressed 1", f.Clock.GetUtcNow()).GetAwaiter().GetResult());
            }

            return lifecycle.Resolve("dr-1", f.Clock.GetUtcNow(), "called back");
        });

        Assert.True(resolved);
        Assert.Equal([MessageStatus.Received, MessageStatus.Acknowledged], seen);
        Assert.Equal(
            [(MessageStatus.Received, "caller"), (MessageStatus.Acknowledged, "dr-2"), (MessageStatus.Resolved, "dr-1")],
            (await f.Store.HistoryAsync(id)).Select(h => (h.Status, h.Actor)));
    }

    [Theory]
    [BothDatabases]
    public async Task ResolvingStopsDispatchInTheSameTransaction(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var id = await f.MessageAsync(Urgency.Urgent);
        Assert.NotEmpty(await f.Store.DueAsync(f.Clock.GetUtcNow(), 10));

        Assert.True(await f.Store.AdvanceAsync(id, MessageStatus.Resolved, "admin", "patient contacted (portal)", f.Clock.GetUtcNow()));

        Assert.Empty(await f.Store.DueAsync(f.Clock.GetUtcNow(), 10));
    }

    [Theory]
    [BothDatabases]
    public async Task AnAcknowledgedDispatchIsAtRestOnlyOnceTheStepInProgressGivesItsLeaseBack(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);
        var id = await f.MessageAsync(Urgency.Urgent);
        var now = f.Clock.GetUtcNow();
        Assert.Equal(new DispatchStanding(DispatchState.New, false), await f.Store.StandingAsync(id));
        Assert.True(await f.Store.PlanEscalationAsync(id, [DispatchFixture.Supervisor], EscalationPolicy.Default, now));
        Assert.True(await f.Store.ClaimStepAsync(id, 0, now.AddMinutes(1), "process-a", now, now.AddMinutes(2)));

        Assert.True(await f.Store.AdvanceAsync(id, MessageStatus.Acknowledged, "dr-1", "pressed 1", now));
        var acknowledgedWhilePaging = (await f.Store.StandingAsync(id))!;
        await f.Store.ReleaseAsync(id, "process-a");

        Assert.Equal(new DispatchStanding(DispatchState.Stopped, true), acknowledgedWhilePaging);
        Assert.False(acknowledgedWhilePaging.AtRest);
        Assert.True((await f.Store.StandingAsync(id))!.AtRest);
        Assert.Null(await f.Store.StandingAsync(id + 1000));
    }

    [Theory]
    [BothDatabases]
    public async Task AMessageThatDoesNotExistHasNoLifecycle(DataProvider provider)
    {
        using var f = new DispatchFixture(provider);

        Assert.Null(await f.Store.LifecycleAsync(404));
        Assert.False(await f.Store.AdvanceAsync(404, MessageStatus.Acknowledged, "dr-1", "pressed 1", f.Clock.GetUtcNow()));
    }
}
