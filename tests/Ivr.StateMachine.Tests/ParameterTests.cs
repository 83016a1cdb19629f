using Ivr.StateMachine.Tests.Support;

namespace Ivr.StateMachine.Tests;

public sealed class ParameterTests
{
    [Fact]
    public async Task TypedArgumentsReachGuardsAndEntryActions()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        var digit = builder.SetTriggerParameters<char>(Trigger.Start);
        var entered = new List<string>();
        builder.Configure(State.Idle)
            .PermitIf(digit, State.Outer, d => d == '1', "digit 1")
            .PermitIf(digit, State.Done, d => d == '2', "digit 2");
        builder.Configure(State.Outer).OnEntryFrom(digit, d => entered.Add($"sync {d}"));
        builder.Configure(State.Outer).OnEntryFrom(digit, (d, t, ct) =>
        {
            entered.Add($"async {d} via {t.Trigger}");
            return Task.CompletedTask;
        });
        var instance = builder.Build().CreateInstance();

        var refused = await instance.FireAsync(digit, '9').Bounded();
        var moved = await instance.FireAsync(digit, '1').Bounded();

        Assert.Equal(["digit 1", "digit 2"], refused.UnmetGuards);
        Assert.Equal(State.Outer, moved.Destination);
        Assert.Equal(["sync 1", "async 1 via Start"], entered);
    }

    [Fact]
    public async Task TwoAndThreeArgumentTriggersAreTyped()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        var pair = builder.SetTriggerParameters<string, int>(Trigger.Start);
        var triple = builder.SetTriggerParameters<string, int, bool>(Trigger.Stop);
        var seen = new List<string>();
        builder.Configure(State.Idle).PermitIf(pair, State.Outer, (name, count) => count > 0, "count > 0");
        builder.Configure(State.Outer).OnEntryFrom(pair, (name, count) => seen.Add($"{name}:{count}"))
            .PermitIf(triple, State.Done, (name, count, flag) => flag, "flag");
        builder.Configure(State.Done).OnEntryFrom(triple, (name, count, flag) => seen.Add($"{name}:{count}:{flag}"));
        var instance = builder.Build().CreateInstance();

        await instance.FireAsync(pair, "a", 2).Bounded();
        await instance.FireAsync(triple, "b", 3, true).Bounded();

        Assert.Equal(["a:2", "b:3:True"], seen);
        Assert.Equal(State.Done, instance.State);
    }

    [Fact]
    public async Task TransitionCarriesTheArgumentsToUntypedActions()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        var reason = builder.SetTriggerParameters<string>(Trigger.Stop);
        IReadOnlyList<object?>? parameters = null;
        builder.Configure(State.Idle).Permit(Trigger.Stop, State.Done).OnExit((t, _) =>
        {
            parameters = t.Parameters;
            return Task.CompletedTask;
        });
        var instance = builder.Build().CreateInstance();

        await instance.FireAsync(reason, "done").Bounded();

        Assert.Equal(["done"], parameters!);
    }

    [Fact]
    public void FiringAParameterisedTriggerWithoutItsArgumentsIsRefused()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.SetTriggerParameters<int>(Trigger.Poke);
        var instance = builder.Build().CreateInstance();

        Assert.Throws<ArgumentException>(() => { _ = instance.FireAsync(Trigger.Poke); });
        Assert.Throws<ArgumentException>(() => instance.Post(Trigger.Poke));
    }

    [Fact]
    public async Task TypedInternalTransitionsReceiveTheirArguments()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        var add = builder.SetTriggerParameters<int>(Trigger.Poke);
        var total = 0;
        builder.Configure(State.Idle).InternalTransition(add, (n, _) => total += n);
        var instance = builder.Build().CreateInstance();

        instance.Post(add, 2);
        await instance.FireAsync(add, 3).Bounded();

        Assert.Equal(5, total);
    }
}
