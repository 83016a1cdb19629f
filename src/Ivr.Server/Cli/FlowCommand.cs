using Ivr.Domain.Flow;
using Ivr.StateMachine.Graphs;

namespace Ivr.Server.Cli;

/// <summary><c>ivr flow --mermaid|--dot</c>: the diagram of the flow every call runs.</summary>
public static class FlowCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        var definition = CallFlow.Describe();
        switch (args.FirstOrDefault())
        {
            case "--mermaid" or null:
                output.Write(MermaidGraph.Format(definition));
                return 0;
            case "--dot":
                output.Write(DotGraph.Format(definition));
                return 0;
            default:
                throw new CommandLineException($"unknown option '{args[0]}'; use --mermaid or --dot.");
        }
    }
}
