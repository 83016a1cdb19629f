using Ivr.StateMachine.Tests.Support;

namespace Ivr.StateMachine.Tests;

public sealed class FailureTests
{
    [Fact]
    public async Task AnActionExceptionReachesTheCallerWrappedWithItsTransition()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).OnEntry(() => throw new TimeoutException("prompt missing"));
        var instance = builder.Build().CreateInstance();

        var failure = await Assert.ThrowsAsync<StateMachineActionException<State, Trigger>>(() => instance.FireAsync(Trigger.Start).Bounded());

        Assert.IsType<TimeoutException>(failure.InnerException);
        Assert.Equal((State.Idle, State.Outer, Trigger.Start), (failure.Transition.Source, failure.Transition.Destination, failure.Transition.Trigger));
        // No rollback: the state changed before the entry action ran.
        Assert.Equal(State.Outer, instance.State);
    }

    [Fact]
    public async Task TriggersQueuedBehindAFailureAreAbortedNotRunLater()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<Trigger>();
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).OnEntry(async _ =>
        {
            await gate.Task;
            throw new InvalidDataException("boom");
        }).InternalTransition(Trigger.Poke, t => ran.Add(t.Trigger));
        var instance = builder.Build().CreateInstance();

        var failing = instance.FireAsync(Trigger.Start);
        var queued = instance.FireAsync(Trigger.Poke);
        instance.Post(Trigger.Poke);
        gate.SetResult();

        await Assert.ThrowsAsync<StateMachineActionException<State, Trigger>>(() => failing.Bounded());
        Assert.Equal(FireResultKind.Aborted, (await queued.Bounded()).Kind);
        var after = await instance.FireAsync(Trigger.Poke).Bounded();
        Assert.Equal(FireResultKind.InternalTransition, after.Kind);
        Assert.Equal([Trigger.Poke], ran);
    }

    [Fact]
    public async Task TheRecoveryTriggerRoutesAnyFailureToASafeState()
    {
        var failures = new List<StateMachineActionException<State, Trigger>>();
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.OnActionFailure(Trigger.Fail);
        builder.Configure(State.Outer).Permit(Trigger.Fail, State.Fault);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Inner);
        builder.Configure(State.Inner).SubstateOf(State.Outer).OnEntry(() => throw new InvalidOperationException("broken"));
        var instance = builder.Build().CreateInstance();
        instance.ActionFailed += failures.Add;

        await Assert.ThrowsAsync<StateMachineActionException<State, Trigger>>(() => instance.FireAsync(Trigger.Start).Bounded());
        await instance.FireAsync(Trigger.Noop).Bounded();

        Assert.Equal(State.Fault, instance.State);
        Assert.Equal(Trigger.Start, Assert.Single(failures).Transition.Trigger);
    }

    [Fact]
    public async Task AFailureWhileRecoveringDoesNotRecoverAgain()
    {
        var failures = 0;
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.OnActionFailure(Trigger.Fail);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer).Permit(Trigger.Fail, State.Fault);
        builder.Configure(State.Outer).Permit(Trigger.Fail, State.Fault).OnExit(() => throw new InvalidOperationException("exit"));
        builder.Configure(State.Fault).OnEntry(() => throw new InvalidOperationException("still broken"));
        var instance = builder.Build().CreateInstance();
        instance.ActionFailed += _ => Interlocked.Increment(ref failures);
        await instance.FireAsync(Trigger.Start).Bounded();

        // The recovery trigger is queued before this task faults, so the Noop below runs after it.
        await Assert.ThrowsAsync<StateMachineActionException<State, Trigger>>(() => instance.FireAsync(Trigger.Fail).Bounded());
        await instance.FireAsync(Trigger.Noop).Bounded();

        // Fired Fail: Outer's exit throws; recovery Fail: the exit throws again; then the queue moves on.
        Assert.Equal(2, failures);
        Assert.Equal(State.Outer, instance.State);
    }

    [Fact]
    public async Task GuardAndObserverExceptionsAreActionFailuresToo()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).PermitIf(Trigger.Start, State.Done, () => throw new FormatException("guard"), "bad guard");
        var instance = builder.Build().CreateInstance();

        var failure = await Assert.ThrowsAsync<StateMachineActionException<State, Trigger>>(() => instance.FireAsync(Trigger.Start).Bounded());

        Assert.IsType<FormatException>(failure.InnerException);
        Assert.Equal(State.Done, failure.Transition.Destination);
        Assert.Equal(State.Idle, instance.State);
    }

    [Fact]
    public async Task CancellingTheFireTokenCompletesItAsCancelledWithoutFailing()
    {
        using var cancellation = new CancellationTokenSource();
        var failures = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).Permit(Trigger.Stop, State.Done).OnEntry(async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        var instance = builder.Build().CreateInstance();
        instance.ActionFailed += _ => failures++;

        var fire = instance.FireAsync(Trigger.Start, cancellation.Token);
        var next = instance.FireAsync(Trigger.Stop);
        await started.Task.Bounded();
        await cancellation.CancelAsync();

        Assert.Equal(FireResultKind.Cancelled, (await fire.Bounded()).Kind);
        Assert.Equal(FireResultKind.Transitioned, (await next.Bounded()).Kind);
        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task AFireCancelledWhileQueuedNeverRuns()
    {
        using var cancellation = new CancellationTokenSource();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).OnEntry(_ => gate.Task).Permit(Trigger.Stop, State.Done);
        var instance = builder.Build().CreateInstance();

        var first = instance.FireAsync(Trigger.Start);
        var queued = instance.FireAsync(Trigger.Stop, cancellation.Token);
        await cancellation.CancelAsync();
        var cancelled = await queued.Bounded();
        gate.SetResult();
        await first.Bounded();
        await instance.FireAsync(Trigger.Noop).Bounded();

        Assert.Equal(FireResultKind.Cancelled, cancelled.Kind);
        Assert.Equal(State.Outer, instance.State);
    }

    [Fact]
    public async Task AnOperationCanceledExceptionFromAnotherTokenIsAFailure()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).OnEntry(() => throw new OperationCanceledException());
        var instance = builder.Build().CreateInstance();

        var failure = await Assert.ThrowsAsync<StateMachineActionException<State, Trigger>>(() => instance.FireAsync(Trigger.Start).Bounded());

        Assert.IsType<OperationCanceledException>(failure.InnerException);
    }
}
