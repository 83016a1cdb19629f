using Ivr.StateMachine.Tests.Support;

namespace Ivr.StateMachine.Tests;

public sealed class TimerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task AStateTimerPostsItsTriggerWhenItExpires()
    {
        var instance = Build().CreateInstance(_time);
        await instance.FireAsync(Trigger.Start).Bounded();

        _time.Advance(TimeSpan.FromSeconds(29));
        await instance.FireAsync(Trigger.Noop).Bounded();
        Assert.Equal(State.Inner, instance.State);

        _time.Advance(TimeSpan.FromSeconds(1));
        await instance.FireAsync(Trigger.Noop).Bounded();
        Assert.Equal(State.Idle, instance.State);
    }

    [Fact]
    public async Task LeavingTheStateCancelsItsTimer()
    {
        var instance = Build().CreateInstance(_time);
        await instance.FireAsync(Trigger.Start).Bounded();

        await instance.FireAsync(Trigger.Stop).Bounded();
        _time.Advance(TimeSpan.FromMinutes(10));
        await instance.FireAsync(Trigger.Noop).Bounded();

        Assert.Equal(State.Done, instance.State);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public async Task ASuperstateTimerKeepsRunningAcrossItsSubstatesAndStopsWhenItIsLeft()
    {
        var instance = Build().CreateInstance(_time);
        await instance.FireAsync(Trigger.Start).Bounded();
        await instance.FireAsync(Trigger.Pause).Bounded();
        _time.Advance(TimeSpan.FromSeconds(40));
        await instance.FireAsync(Trigger.Resume).Bounded();
        await instance.FireAsync(Trigger.Pause).Bounded();

        _time.Advance(TimeSpan.FromSeconds(20));
        await instance.FireAsync(Trigger.Noop).Bounded();

        // Outer's 60 s timer ran through Inner -> Paused -> Inner -> Paused and fired Stop.
        Assert.Equal(State.Done, instance.State);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    [Fact]
    public async Task ReentryRestartsTheTimer()
    {
        var instance = Build().CreateInstance(_time);
        await instance.FireAsync(Trigger.Start).Bounded();
        _time.Advance(TimeSpan.FromSeconds(20));

        await instance.FireAsync(Trigger.Poke).Bounded();
        _time.Advance(TimeSpan.FromSeconds(20));
        await instance.FireAsync(Trigger.Noop).Bounded();
        Assert.Equal(State.Inner, instance.State);

        _time.Advance(TimeSpan.FromSeconds(10));
        await instance.FireAsync(Trigger.Noop).Bounded();
        Assert.Equal(State.Idle, instance.State);
    }

    [Fact]
    public async Task ATimerThatExpiresWhileItsExitIsQueuedNeverDelivers()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Inner);
        builder.Configure(State.Inner).After(TimeSpan.FromSeconds(30), Trigger.Timeout)
            .InternalTransition(Trigger.Poke, (_, _) => gate.Task)
            .Permit(Trigger.Pause, State.Paused);
        builder.Configure(State.Paused).Permit(Trigger.Timeout, State.Fault);
        var instance = builder.Build().CreateInstance(_time);
        await instance.FireAsync(Trigger.Start).Bounded();

        var busy = instance.FireAsync(Trigger.Poke);
        instance.Post(Trigger.Pause);
        _time.Advance(TimeSpan.FromSeconds(30));
        gate.SetResult();
        await busy.Bounded();
        await instance.FireAsync(Trigger.Noop).Bounded();

        // The Timeout was queued behind Pause; by the time it came up, Inner had been left.
        Assert.Equal(State.Paused, instance.State);
    }

    [Fact]
    public async Task ACallbackFromADisposedTimerOfAnEarlierEntryIsIgnored()
    {
        var instance = Build().CreateInstance(_time);
        await instance.FireAsync(Trigger.Start).Bounded();
        var stale = _time.CreatedTimers.Last();
        await instance.FireAsync(Trigger.Poke).Bounded();

        Assert.True(stale.IsDisposed);
        stale.InvokeCallback();
        await instance.FireAsync(Trigger.Noop).Bounded();
        Assert.Equal(State.Inner, instance.State);

        _time.Advance(TimeSpan.FromSeconds(30));
        await instance.FireAsync(Trigger.Noop).Bounded();
        Assert.Equal(State.Idle, instance.State);
    }

    [Fact]
    public async Task AComputedDelayIsReadAtEachEntry()
    {
        var delay = TimeSpan.FromSeconds(5);
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Inner);
        builder.Configure(State.Inner).After(() => delay, Trigger.Timeout, "hold limit").Permit(Trigger.Timeout, State.Idle);
        var instance = builder.Build().CreateInstance(_time);

        await instance.FireAsync(Trigger.Start).Bounded();
        delay = TimeSpan.FromSeconds(50);
        _time.Advance(TimeSpan.FromSeconds(5));
        await instance.FireAsync(Trigger.Noop).Bounded();
        Assert.Equal(State.Idle, instance.State);

        await instance.FireAsync(Trigger.Start).Bounded();
        _time.Advance(TimeSpan.FromSeconds(49));
        await instance.FireAsync(Trigger.Noop).Bounded();
        Assert.Equal(State.Inner, instance.State);
    }

    private static StateMachineDefinition<State, Trigger> Build()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).InitialTransition(State.Inner)
            .After(TimeSpan.FromSeconds(60), Trigger.Stop)
            .Permit(Trigger.Stop, State.Done);
        builder.Configure(State.Inner).SubstateOf(State.Outer)
            .After(TimeSpan.FromSeconds(30), Trigger.Timeout)
            .Permit(Trigger.Timeout, State.Idle)
            .Permit(Trigger.Pause, State.Paused)
            .PermitReentry(Trigger.Poke);
        builder.Configure(State.Paused).SubstateOf(State.Outer).Permit(Trigger.Resume, State.Inner);
        return builder.Build();
    }
}
