using Ivr.StateMachine.Tests.Support;

namespace Ivr.StateMachine.Tests;

public sealed class DisposalTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task DisposingCancelsTheRunningActionQueuedFiresAndTimers()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Inner);
        builder.Configure(State.Inner).After(TimeSpan.FromSeconds(5), Trigger.Timeout).OnEntry(async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        var instance = builder.Build().CreateInstance(_time);

        var running = instance.FireAsync(Trigger.Start);
        var queued = instance.FireAsync(Trigger.Stop);
        await started.Task.Bounded();
        await instance.DisposeAsync().AsTask().Bounded();

        Assert.Equal(FireResultKind.Cancelled, (await running.Bounded()).Kind);
        Assert.Equal(FireResultKind.Cancelled, (await queued.Bounded()).Kind);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public async Task AfterDisposalFireThrowsAndPostIsDropped()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Done);
        var instance = builder.Build().CreateInstance();
        await instance.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => { _ = instance.FireAsync(Trigger.Start); });
        instance.Post(Trigger.Start);
        await instance.DisposeAsync();
        Assert.Equal(State.Idle, instance.State);
    }

    [Fact]
    public async Task DisposingFromInsideAnActionDoesNotWaitForItself()
    {
        StateMachineInstance<State, Trigger>? instance = null;
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Done);
        builder.Configure(State.Done).OnEntry(async _ => await instance!.DisposeAsync());
        instance = builder.Build().CreateInstance();

        var result = await instance.FireAsync(Trigger.Start).Bounded();

        Assert.Equal(State.Done, result.Destination);
        Assert.Throws<ObjectDisposedException>(() => { _ = instance.FireAsync(Trigger.Start); });
    }
}
