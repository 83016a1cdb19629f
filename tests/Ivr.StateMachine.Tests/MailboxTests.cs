using Ivr.StateMachine.Tests.Support;

namespace Ivr.StateMachine.Tests;

public sealed class MailboxTests
{
    [Fact]
    public async Task ConcurrentFiresAreEachProcessedOnceInPerThreadOrder()
    {
        const int threadCount = 8;
        const int perThread = 300;
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        var record = builder.SetTriggerParameters<int, int>(Trigger.Poke);
        var processed = new List<(int Thread, int Sequence)>();
        var running = 0;
        var overlaps = 0;
        builder.Configure(State.Idle).InternalTransition(record, async (thread, sequence, _, _) =>
        {
            if (Interlocked.Increment(ref running) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            processed.Add((thread, sequence));
            if (sequence % 50 == 0)
            {
                await Task.Yield();
            }

            Interlocked.Decrement(ref running);
        });
        var instance = builder.Build().CreateInstance();
        var fires = new List<Task<FireResult<State, Trigger>>>[threadCount];
        using var start = new Barrier(threadCount);
        var threads = Enumerable.Range(0, threadCount).Select(thread => new Thread(() =>
        {
            fires[thread] = [];
            start.SignalAndWait();
            for (var sequence = 0; sequence < perThread; sequence++)
            {
                // Half awaited, half posted: both go through the same queue.
                if (sequence % 2 == 0)
                {
                    fires[thread].Add(instance.FireAsync(record, thread, sequence));
                }
                else
                {
                    instance.Post(record, thread, sequence);
                }
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var results = await Task.WhenAll(fires.SelectMany(f => f)).Bounded();
        await instance.FireAsync(Trigger.Noop).Bounded();

        Assert.All(results, r => Assert.Equal(FireResultKind.InternalTransition, r.Kind));
        Assert.Equal(0, overlaps);
        Assert.Equal(threadCount * perThread, processed.Count);
        Assert.Equal(threadCount * perThread, processed.Distinct().Count());
        foreach (var group in processed.GroupBy(p => p.Thread))
        {
            Assert.Equal(Enumerable.Range(0, perThread), group.Select(p => p.Sequence));
        }
    }

    [Fact]
    public async Task APostFromInsideAnActionRunsAfterTheCurrentTriggerCompletes()
    {
        var log = new List<string>();
        StateMachineInstance<State, Trigger>? instance = null;
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).Permit(Trigger.Stop, State.Done).OnEntry(() =>
        {
            instance!.Post(Trigger.Stop);
            log.Add("entered Outer");
        });
        builder.Configure(State.Done).OnEntry(() => log.Add("entered Done"));
        builder.OnTransitionCompleted(t => log.Add($"completed {t.Destination}"));
        instance = builder.Build().CreateInstance();

        var first = await instance.FireAsync(Trigger.Start).Bounded();
        await instance.FireAsync(Trigger.Noop).Bounded();

        Assert.Equal(State.Outer, first.Destination);
        Assert.Equal(["entered Outer", "completed Outer", "entered Done", "completed Done"], log);
        Assert.Equal(State.Done, instance.State);
    }

    [Fact]
    public async Task AwaitingFireAsyncFromInsideAnActionFailsFastInsteadOfDeadlocking()
    {
        StateMachineInstance<State, Trigger>? instance = null;
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).OnEntry(async ct => await instance!.FireAsync(Trigger.Stop, ct));
        instance = builder.Build().CreateInstance();

        var failure = await Assert.ThrowsAsync<StateMachineActionException<State, Trigger>>(() => instance.FireAsync(Trigger.Start).Bounded());

        var inner = Assert.IsType<InvalidOperationException>(failure.InnerException);
        Assert.Contains("Post(Stop)", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkStartedByAnActionMayFireOnceTheActionIsOver()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<FireResult<State, Trigger>>? later = null;
        StateMachineInstance<State, Trigger>? instance = null;
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).Permit(Trigger.Stop, State.Done).OnEntry(() =>
        {
            later = Task.Run(async () =>
            {
                await released.Task;
                return await instance!.FireAsync(Trigger.Stop);
            });
        });
        instance = builder.Build().CreateInstance();

        await instance.FireAsync(Trigger.Start).Bounded();
        released.SetResult();

        Assert.Equal(State.Done, (await later!.Bounded()).Destination);
    }

    [Fact]
    public async Task FireAsyncCompletesOnlyWhenItsOwnTriggerHasBeenProcessed()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).OnEntry(_ => gate.Task).Permit(Trigger.Stop, State.Done);
        var instance = builder.Build().CreateInstance();

        var start = instance.FireAsync(Trigger.Start);
        var stop = instance.FireAsync(Trigger.Stop);
        await Task.Yield();
        Assert.False(start.IsCompleted);
        Assert.False(stop.IsCompleted);
        gate.SetResult();

        Assert.Equal(State.Outer, (await start.Bounded()).Destination);
        Assert.Equal(State.Done, (await stop.Bounded()).Destination);
    }
}
