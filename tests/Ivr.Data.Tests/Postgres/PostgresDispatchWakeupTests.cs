using Ivr.Domain.Calls;
using Ivr.Domain.Messages;

namespace Ivr.Data.Tests.Postgres;

/// <summary>Needs the test PostgreSQL cluster: a message saved by one server wakes the dispatcher listening in another.</summary>
public sealed class PostgresDispatchWakeupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ASavedMessageWakesTheListenerAndNothingElseDoes()
    {
        using var temp = new TempDatabase(DataProvider.Postgres);
        await temp.Database.MigrateAsync();
        await using var wakeup = new PostgresDispatchWakeup(temp.Options, TimeProvider.System);
        // The listener wakes once when it starts listening (for what arrived before it): after that it listens.
        await wakeup.NextAsync(CancellationToken.None).WaitAsync(Bound);

        var next = wakeup.NextAsync(CancellationToken.None);
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var callId = await calls.StartAsync(new CallRecord { UniqueId = "1764727200.1", PracticeId = "p", DialedNumber = "15550100", StartedAt = DateTimeOffset.UtcNow });
        await calls.AppendEventAsync(callId, new CallEvent(DateTimeOffset.UtcNow, "state", "Greeting", "answered"));
        Assert.False(next.IsCompleted);

        await new SqliteMessageStore(Database.For(temp.Options), temp.Protector).SaveAsync(new PatientMessage { CallId = callId, PracticeId = "p", Urgency = Urgency.Urgent, ReceivedAt = DateTimeOffset.UtcNow });

        await next.WaitAsync(Bound);
    }

    [Fact]
    public async Task AWaitEndsWithItsCancellation()
    {
        using var temp = new TempDatabase(DataProvider.Postgres);
        await temp.Database.MigrateAsync();
        await using var wakeup = new PostgresDispatchWakeup(temp.Options, TimeProvider.System);
        using var cancel = new CancellationTokenSource();
        await wakeup.NextAsync(CancellationToken.None).WaitAsync(Bound);

        var next = wakeup.NextAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }
}
