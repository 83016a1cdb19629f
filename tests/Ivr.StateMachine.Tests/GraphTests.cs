using Ivr.StateMachine.Graphs;
using Ivr.StateMachine.Tests.Support;

namespace Ivr.StateMachine.Tests;

public sealed class GraphTests
{
    [Fact]
    public void MermaidShowsCompositeStatesInitialStatesGuardsAndTimers()
    {
        var text = MermaidGraph.Format(Build());

        Assert.Equal(
            Lines(
                "stateDiagram-v2",
                "    [*] --> Idle",
                "    Idle",
                "    state Outer {",
                "        [*] --> Inner",
                "        Inner",
                "        Paused",
                "        Paused : after 1m30s / Resume",
                "    }",
                "    Outer : after 1m / Stop",
                "    Done",
                "    Idle --> Outer : Start",
                "    Outer --> Done : Stop",
                "    Inner --> Paused : Pause [not #quot;busy#quot;]",
                "    Inner --> Inner : Poke (internal)",
                "    Paused --> Inner : Resume"),
            text);
    }

    [Fact]
    public void DotShowsClustersForSuperstatesAndEscapesLabels()
    {
        var text = DotGraph.Format(Build());

        Assert.Equal(
            Lines(
                "digraph {",
                "    compound=true;",
                "    node [shape=box, style=rounded];",
                "    \"[*]\" [label=\"\", shape=point];",
                "    \"Idle\" [label=\"Idle\"];",
                "    subgraph \"cluster_Outer\" {",
                "        label=\"Outer\\nafter 1m / Stop\";",
                "        \"Outer\" [label=\"\", shape=point];",
                "        \"Inner\" [label=\"Inner\"];",
                "        \"Paused\" [label=\"Paused\\nafter 1m30s / Resume\"];",
                "        \"Outer\" -> \"Inner\";",
                "    }",
                "    \"Done\" [label=\"Done\"];",
                "    \"[*]\" -> \"Idle\";",
                "    \"Idle\" -> \"Outer\" [label=\"Start\", lhead=\"cluster_Outer\"];",
                "    \"Outer\" -> \"Done\" [label=\"Stop\", ltail=\"cluster_Outer\"];",
                "    \"Inner\" -> \"Paused\" [label=\"Pause [not \\\"busy\\\"]\"];",
                "    \"Inner\" -> \"Inner\" [label=\"Poke (internal)\"];",
                "    \"Paused\" -> \"Inner\" [label=\"Resume\"];",
                "}"),
            text);
    }

    [Fact]
    public void GraphsAreIdenticalForIdenticalDefinitions()
    {
        Assert.Equal(MermaidGraph.Format(Build()), MermaidGraph.Format(Build()));
        Assert.Equal(DotGraph.Format(Build()), DotGraph.Format(Build()));
    }

    [Fact]
    public void MermaidDeclaresNamesThatAreNotIdentifiers()
    {
        var builder = new StateMachineBuilder<string, string>("waiting room");
        builder.Configure("waiting room").Permit("go", "done");

        var text = MermaidGraph.Format(builder.Build());

        Assert.Equal(
            Lines(
                "stateDiagram-v2",
                "    [*] --> waiting_room",
                "    state \"waiting room\" as waiting_room",
                "    done",
                "    waiting_room --> done : go"),
            text);
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static StateMachineDefinition<State, Trigger> Build()
    {
        var builder = new StateMachineBuilder<State, Trigger>(State.Idle);
        builder.Configure(State.Idle).Permit(Trigger.Start, State.Outer);
        builder.Configure(State.Outer).InitialTransition(State.Inner).Permit(Trigger.Stop, State.Done).After(TimeSpan.FromSeconds(60), Trigger.Stop);
        builder.Configure(State.Inner).SubstateOf(State.Outer)
            .PermitIf(Trigger.Pause, State.Paused, () => true, "not \"busy\"")
            .InternalTransition(Trigger.Poke, _ => { })
            .Ignore(Trigger.Noop);
        builder.Configure(State.Paused).SubstateOf(State.Outer).After(TimeSpan.FromSeconds(90), Trigger.Resume).Permit(Trigger.Resume, State.Inner);
        return builder.Build();
    }
}
