using Ivr.StateMachine.Tests.Support;

namespace Ivr.StateMachine.Tests;

public sealed class IntrospectionTests
{
    [Fact]
    public void PermittedTriggersFollowGuardsAndTheHierarchy()
    {
        var open = false;
        var builder = new StateMachineBuilder<State, Trigger>(State.Inner);
        builder.Configure(State.Inner).SubstateOf(State.Outer)
            .PermitIf(Trigger.Start, State.Done, () => open, "open")
            .Ignore(Trigger.Noop);
        builder.Configure(State.Outer).Permit(Trigger.Stop, State.Idle).Permit(Trigger.Start, State.Fault);
        var instance = builder.Build().CreateInstance();

        Assert.Equal([Trigger.Start, Trigger.Noop, Trigger.Stop], instance.GetPermittedTriggers());
        Assert.True(instance.CanFire(Trigger.Stop));
        Assert.False(instance.CanFire(Trigger.Pause));
        Assert.True(instance.IsInState(State.Outer));
    }

    [Fact]
    public void CanFireNamesTheGuardsThatRefused()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).PermitIf(Trigger.Start, State.Done, () => false, "has credit");
        var instance = builder.Build().CreateInstance();

        Assert.False(instance.CanFire(Trigger.Start, out var unmet));
        Assert.Equal(["has credit"], unmet);
        Assert.Empty(instance.GetPermittedTriggers());
    }

    [Fact]
    public async Task AsynchronousGuardsNeedTheAsyncQueries()
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).PermitIf(Trigger.Start, State.Done, _ => answer.Task, "remote check");
        var instance = builder.Build().CreateInstance();

        Assert.Throws<InvalidOperationException>(() => instance.CanFire(Trigger.Start));
        answer.SetResult(true);
        Assert.True(await instance.CanFireAsync(Trigger.Start).Bounded());
        Assert.Equal([Trigger.Start], await instance.GetPermittedTriggersAsync().Bounded());
    }

    [Fact]
    public void GuardsWithArgumentsAreJudgedWithTheGivenArgument()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        var digit = builder.SetTriggerParameters<int>(Trigger.Start);
        builder.Configure(State.Idle).PermitIf(digit, State.Done, d => d > 5, "big");
        var instance = builder.Build().CreateInstance();

        Assert.True(instance.CanFire(digit, 6));
        Assert.False(instance.CanFire(digit, 1));
        // Without an argument it cannot be judged, so it counts as possible.
        Assert.True(instance.CanFire(Trigger.Start));
    }

    [Fact]
    public async Task HistoryKeepsOnlyTheLastTransitionsWithTheirTimes()
    {
        var time = new FakeTimeProvider();
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle).RetainHistory(2);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Inner);
        builder.Configure(State.Inner).Permit(Trigger.Pause, State.Paused);
        builder.Configure(State.Paused).Permit(Trigger.Stop, State.Done);
        var instance = builder.Build().CreateInstance(time);

        await instance.FireAsync(Trigger.Start).Bounded();
        time.Advance(TimeSpan.FromSeconds(1));
        await instance.FireAsync(Trigger.Pause).Bounded();
        time.Advance(TimeSpan.FromSeconds(1));
        await instance.FireAsync(Trigger.Stop).Bounded();

        var history = instance.GetHistory();
        Assert.Equal([(State.Inner, State.Paused), (State.Paused, State.Done)], history.Select(h => (h.Transition.Source, h.Transition.Destination)));
        Assert.Equal(TimeSpan.FromSeconds(1), history[1].At - history[0].At);
        Assert.Empty(builder.Build().CreateInstance(State.Idle).GetHistory());
    }
}
