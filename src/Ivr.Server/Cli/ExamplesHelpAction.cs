using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Ivr.Server.Cli;

/// <summary>System.CommandLine's help (usage, arguments, options, subcommands), then the command's examples.</summary>
public sealed class ExamplesHelpAction(HelpAction help, CliContext context) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var exit = help.Invoke(parseResult);
        var examples = context.ExamplesOf(parseResult.CommandResult.Command);
        if (examples.Count > 0)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine($"  {example}");
            }

            output.WriteLine();
        }

        return exit;
    }
}
