using Ivr.StateMachine.Tests.Support;

namespace Ivr.StateMachine.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task OneDefinitionServesManyIndependentInstances()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Done);
        var definition = builder.Build();

        var first = definition.CreateInstance();
        var second = definition.CreateInstance();
        await first.FireAsync(Trigger.Start).Bounded();

        Assert.Equal(State.Done, first.State);
        Assert.Equal(State.Idle, second.State);
    }

    [Fact]
    public async Task StateIsReadAndWrittenThroughTheAccessorAndMutator()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Outer).Permit(Trigger.Stop, State.Done);
        var stored = State.Outer;
        var writes = new List<State>();
        var instance = builder.Build().CreateInstance(() => stored, s => { stored = s; writes.Add(s); });

        var result = await instance.FireAsync(Trigger.Stop).Bounded();

        Assert.Equal(FireResultKind.Transitioned, result.Kind);
        Assert.Equal((State.Outer, State.Done), (result.Source, result.Destination));
        Assert.Equal([State.Done], writes);
        Assert.Equal(State.Done, stored);
    }

    [Fact]
    public void BuildNamesEveryInconsistencyInOneTypedException()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).InitialTransition(State.Done).Permit(Trigger.Start, State.Outer).Permit(Trigger.Start, State.Inner);
        builder.Configure(State.Outer).SubstateOf(State.Inner);
        builder.Configure(State.Inner).SubstateOf(State.Outer);

        var exception = Assert.Throws<StateMachineConfigurationException>(() => builder.Build());

        Assert.Equal(
            [
                "superstate cycle: Outer -> Inner -> Outer",
                "initial transition of Idle targets Done, which is not a substate of it",
                "state Idle has 2 unguarded rules for trigger Start",
            ],
            exception.Problems);
        Assert.Contains("superstate cycle", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PermitToTheSameStateIsRejectedInFavourOfPermitReentry()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Poke, State.Idle);

        var exception = Assert.Throws<StateMachineConfigurationException>(() => builder.Build());

        Assert.Contains("use PermitReentry", Assert.Single(exception.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void GuardedRulesForTheSameTriggerAreNotDuplicates()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle)
            .PermitIf(Trigger.Start, State.Outer, () => true)
            .PermitIf(Trigger.Start, State.Done, () => false)
            .Permit(Trigger.Start, State.Inner);

        var definition = builder.Build();

        Assert.Equal([State.Idle, State.Outer, State.Done, State.Inner], definition.States);
    }

    [Fact]
    public void ConflictingSuperstatesAndDuplicateParameterDeclarationsAreReported()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Inner).SubstateOf(State.Outer).SubstateOf(State.Paused);
        builder.SetTriggerParameters<int>(Trigger.Poke);
        builder.SetTriggerParameters<string>(Trigger.Poke);

        var exception = Assert.Throws<StateMachineConfigurationException>(() => builder.Build());

        Assert.Equal(2, exception.Problems.Count);
    }
}
