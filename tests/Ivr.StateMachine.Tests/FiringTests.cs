using Ivr.StateMachine.Tests.Support;

namespace Ivr.StateMachine.Tests;

public sealed class FiringTests
{
    [Fact]
    public async Task EachOutcomeHasItsOwnKind()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        var internalRuns = 0;
        builder.Configure(State.Idle)
            .Permit(Trigger.Start, State.Done)
            .Ignore(Trigger.Noop)
            .InternalTransition(Trigger.Poke, t => internalRuns++)
            .PermitIf(Trigger.Stop, State.Done, () => false, "never");
        var instance = builder.Build().CreateInstance();

        Assert.Equal(FireResultKind.Ignored, (await instance.FireAsync(Trigger.Noop).Bounded()).Kind);
        Assert.Equal(FireResultKind.InternalTransition, (await instance.FireAsync(Trigger.Poke).Bounded()).Kind);
        Assert.Equal(FireResultKind.NoTransition, (await instance.FireAsync(Trigger.Pause).Bounded()).Kind);
        Assert.Equal(FireResultKind.GuardRefused, (await instance.FireAsync(Trigger.Stop).Bounded()).Kind);
        Assert.Equal(State.Idle, instance.State);
        Assert.Equal(FireResultKind.Transitioned, (await instance.FireAsync(Trigger.Start).Bounded()).Kind);
        Assert.Equal(1, internalRuns);
    }

    [Fact]
    public async Task GuardRefusedIsReportedApartFromNoTransition()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Inner);
        builder.Configure(State.Inner).SubstateOf(State.Outer).PermitIf(Trigger.Start, State.Done, () => false, "line is free");
        builder.Configure(State.Outer).PermitIf(Trigger.Start, State.Fault, () => false, "within hours");
        var instance = builder.Build().CreateInstance();

        var refused = await instance.FireAsync(Trigger.Start).Bounded();
        var unknown = await instance.FireAsync(Trigger.Stop).Bounded();

        Assert.Equal(FireResultKind.GuardRefused, refused.Kind);
        Assert.Equal(["line is free", "within hours"], refused.UnmetGuards);
        Assert.False(refused.IsHandled);
        Assert.Equal(FireResultKind.NoTransition, unknown.Kind);
        Assert.Empty(unknown.UnmetGuards);
    }

    [Fact]
    public async Task UnhandledTriggersGoToTheCallbackInsteadOfThrowing()
    {
        var seen = new List<FireResult<State, Trigger>>();
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).PermitIf(Trigger.Start, State.Done, () => false, "ready");
        builder.OnUnhandledTrigger(seen.Add);
        var instance = builder.Build().CreateInstance();

        await instance.FireAsync(Trigger.Start).Bounded();
        await instance.FireAsync(Trigger.Poke).Bounded();

        Assert.Equal([FireResultKind.GuardRefused, FireResultKind.NoTransition], seen.Select(r => r.Kind));
        Assert.Equal(["ready"], seen[0].UnmetGuards);
    }

    [Fact]
    public async Task EachGuardIsEvaluatedAtMostOncePerFire()
    {
        var calls = new int[3];
        var builder = new StateMachineBuilder<State, Trigger>(State.Inner);
        builder.Configure(State.Inner).SubstateOf(State.Outer)
            .PermitIf(Trigger.Start, State.Done, () => ++calls[0] < 0)
            .PermitIf(Trigger.Start, State.Paused, () => ++calls[1] > 0);
        builder.Configure(State.Outer).PermitIf(Trigger.Start, State.Fault, () => ++calls[2] > 0);
        var instance = builder.Build().CreateInstance();

        var result = await instance.FireAsync(Trigger.Start).Bounded();

        Assert.Equal(State.Paused, result.Destination);
        Assert.Equal([1, 1, 0], calls);
    }

    [Fact]
    public async Task AnUnhandledTriggerFallsThroughToTheSuperstate()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Inner);
        builder.Configure(State.Inner).SubstateOf(State.Outer).PermitIf(Trigger.Stop, State.Paused, () => false);
        builder.Configure(State.Outer).Permit(Trigger.Stop, State.Done);
        var instance = builder.Build().CreateInstance();

        var result = await instance.FireAsync(Trigger.Stop).Bounded();

        Assert.Equal((FireResultKind.Transitioned, State.Done), (result.Kind, result.Destination));
    }

    [Fact]
    public async Task AsyncGuardsAreAwaitedAndReceiveTheToken()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle)
            .PermitIf(Trigger.Start, State.Done, async ct =>
            {
                await Task.Yield();
                return ct.CanBeCanceled;
            }, "lookup");
        var instance = builder.Build().CreateInstance();

        var result = await instance.FireAsync(Trigger.Start).Bounded();

        Assert.Equal(State.Done, result.Destination);
    }

    [Fact]
    public async Task GuardDescriptionDefaultsToTheGuardExpression()
    {
        var open = false;
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).PermitIf(Trigger.Start, State.Done, () => open);
        var instance = builder.Build().CreateInstance();

        var result = await instance.FireAsync(Trigger.Start).Bounded();

        Assert.Equal(["() => open"], result.UnmetGuards);
    }

    [Fact]
    public async Task IgnoreIfOnlyIgnoresWhileItsGuardHolds()
    {
        var quiet = true;
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).IgnoreIf(Trigger.Poke, () => quiet, "quiet").Permit(Trigger.Poke, State.Done);
        var instance = builder.Build().CreateInstance();

        Assert.Equal(FireResultKind.Ignored, (await instance.FireAsync(Trigger.Poke).Bounded()).Kind);
        quiet = false;
        Assert.Equal(State.Done, (await instance.FireAsync(Trigger.Poke).Bounded()).Destination);
    }
}
