using Ivr.Asterisk.Tests.Support;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;
using Microsoft.Extensions.Logging;

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

    [Fact]
    public async Task AListenerThatFailsInAWayNobodyForesawSaysSoAndTriesAgainAfterItsPause()
    {
        // Not a connection string at all: Npgsql refuses it with an ArgumentException, not one of its own.
        var clock = new DrivenClock();
        var logger = new Failures();
        await using var wakeup = new PostgresDispatchWakeup(new DataOptions { Provider = DataProvider.Postgres, ConnectionString = "this is no connection string" }, clock, logger);

        _ = wakeup.NextAsync(CancellationToken.None);
        await logger.AtLeastAsync(1);
        await clock.ElapseAsync(TimeSpan.FromSeconds(5));
        await logger.AtLeastAsync(2);

        Assert.All(logger.Entries, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.All(logger.Entries, e => Assert.IsType<ArgumentException>(e.Exception));
    }

    /// <summary>The listener's log: each entry with its exception; a test waits for a count without any clock.</summary>
    private sealed class Failures : ILogger<PostgresDispatchWakeup>
    {
        private readonly List<(LogLevel Level, Exception? Exception)> _entries = [];
        private TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<(LogLevel Level, Exception? Exception)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            TaskCompletionSource logged;
            lock (_entries)
            {
                _entries.Add((logLevel, exception));
                logged = _logged;
                _logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            logged.TrySetResult();
        }

        public async Task AtLeastAsync(int count)
        {
            while (true)
            {
                Task next;
                lock (_entries)
                {
                    if (_entries.Count >= count)
                    {
                        return;
                    }

                    next = _logged.Task;
                }

                await next.WaitAsync(Bound);
            }
        }
    }
}
