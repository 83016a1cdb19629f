using Ivr.StateMachine.Tests.Support;

namespace Ivr.StateMachine.Tests;

public sealed class HierarchyTests
{
    private readonly List<string> _log = [];

    [Fact]
    public async Task ActionsRunExitsThenMutatorThenObserversThenEntriesThenInitialTransitions()
    {
        var instance = Build().CreateInstance(() => _current, s => { _log.Add($"set {s}"); _current = s; });

        await instance.FireAsync(Trigger.Start).Bounded();

        Assert.Equal(
            [
                "exit Idle", "set Outer", "transitioned Idle->Outer", "enter Outer",
                "set Inner", "transitioned Outer->Inner (initial)", "enter Inner", "completed Idle->Inner",
            ],
            _log);
    }

    [Fact]
    public async Task MovingBetweenSubstatesDoesNotExitOrEnterTheSuperstate()
    {
        var instance = Build().CreateInstance(State.Inner);

        await instance.FireAsync(Trigger.Pause).Bounded();

        Assert.Equal(["exit Inner", "transitioned Inner->Paused", "enter Paused", "completed Inner->Paused"], _log);
        Assert.True(instance.IsInState(State.Outer));
        Assert.True(instance.IsInState(State.Paused));
        Assert.False(instance.IsInState(State.Inner));
    }

    [Fact]
    public async Task LeavingASuperstateExitsFromTheLeafUpward()
    {
        var instance = Build().CreateInstance(State.Paused);

        await instance.FireAsync(Trigger.Stop).Bounded();

        Assert.Equal(["exit Paused", "exit Outer", "transitioned Paused->Idle", "enter Idle", "completed Paused->Idle"], _log);
    }

    [Fact]
    public async Task ReentryExitsAndEntersTheStateInTheSameOrder()
    {
        var instance = Build().CreateInstance(State.Inner);

        var result = await instance.FireAsync(Trigger.Poke).Bounded();

        Assert.Equal(["exit Inner", "transitioned Inner->Inner", "enter Inner", "completed Inner->Inner"], _log);
        Assert.Equal(FireResultKind.Transitioned, result.Kind);
    }

    [Fact]
    public async Task ReentryOfASuperstateFromASubstateRunsItsInitialTransitionAgain()
    {
        var instance = Build().CreateInstance(State.Paused);

        var result = await instance.FireAsync(Trigger.Resume).Bounded();

        Assert.Equal(
            [
                "exit Paused", "exit Outer", "transitioned Paused->Outer", "enter Outer",
                "transitioned Outer->Inner (initial)", "enter Inner", "completed Paused->Inner",
            ],
            _log);
        Assert.Equal(State.Inner, result.Destination);
    }

    [Fact]
    public async Task OnEntryFromRunsOnlyForItsTrigger()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Done).Permit(Trigger.Stop, State.Done);
        builder.Configure(State.Done).OnEntryFrom(Trigger.Start, () => _log.Add("from start")).OnEntry(() => _log.Add("any"));
        var definition = builder.Build();

        await definition.CreateInstance().FireAsync(Trigger.Stop).Bounded();
        await definition.CreateInstance().FireAsync(Trigger.Start).Bounded();

        Assert.Equal(["any", "from start", "any"], _log);
    }

    private State _current = State.Idle;

    private StateMachineDefinition<State, Trigger> Build()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).InitialTransition(State.Inner).Permit(Trigger.Stop, State.Idle).PermitReentry(Trigger.Resume);
        builder.Configure(State.Inner).SubstateOf(State.Outer).Permit(Trigger.Pause, State.Paused).PermitReentry(Trigger.Poke);
        builder.Configure(State.Paused).SubstateOf(State.Outer);
        foreach (var state in new[] { State.Idle, State.Outer, State.Inner, State.Paused })
        {
            builder.Configure(state).OnEntry(() => _log.Add($"enter {state}")).OnExit(() => _log.Add($"exit {state}"));
        }

        builder.OnTransitioned(t => _log.Add($"transitioned {t.Source}->{t.Destination}{(t.IsInitialTransition ? " (initial)" : string.Empty)}"));
        builder.OnTransitionCompleted(t => _log.Add($"completed {t.Source}->{t.Destination}"));
        return builder.Build();
    }
}
