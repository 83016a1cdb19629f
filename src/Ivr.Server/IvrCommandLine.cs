using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Ivr.Server.Cli;
using Ivr.Server.Hosting;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Hosting;

namespace Ivr.Server;

/// <summary>The <c>ivr</c> command line: one System.CommandLine command per command group, each with its own help.</summary>
public static class IvrCommandLine
{
    /// <summary>Exit code of a command line that was wrong (an unknown option, a missing value, a bad time).</summary>
    public const int UsageError = 2;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>
    /// Runs one command, writing its results to <paramref name="output"/> and complaints to
    /// <paramref name="error"/>; passwords are read from <paramref name="input"/> (standard input by default).
    /// Words of the form <c>--Section:Key=value</c> anywhere are settings for the host, not options.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter? error = null, TextReader? input = null, CancellationToken cancellationToken = default)
    {
        error ??= output;
        var settings = args.Where(IsSetting).ToArray();
        var context = new CliContext(output, error, input ?? Console.In, settings);
        var root = Build(context);
        var parse = root.Parse(args.Where(a => !IsSetting(a)).ToArray());
        if (parse.Action is ParseErrorAction)
        {
            var command = CommandPath(parse.CommandResult);
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"{command}: {problem.Message}");
            }

            error.WriteLine($"See '{command} --help'.");
            return UsageError;
        }

        try
        {
            // No termination handler of the parser's own: ivr serve's host stops on SIGTERM/Ctrl+C itself, draining calls.
            var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (CommandLineException exception)
        {
            error.WriteLine($"{CommandPath(parse.CommandResult)}: {exception.Message}");
            return UsageError;
        }
    }

    /// <summary>Every command, as <c>ivr --help</c> lists them.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("""
            The after-hours answering service: run it (serve, the default), read calls and messages,
            manage practices, on-call overrides and portal accounts.

            Settings come from appsettings.json, environment variables (Asterisk__Ami__Secret=...) and
            --Section:Key=value words anywhere on the command line (--Data:ConnectionString="Data Source=x.db").
            Times (T) are the practice's local time (2026-12-25T02:10) unless they carry an offset (...Z, ...-05:00).
            """)
        {
            HelpName = "ivr",
        };
        if (root.Name != "ivr")
        {
            // Under a test runner or dotnet run the executable has another name; completions still start with ivr.
            root.Aliases.Add("ivr");
        }

        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExamplesHelpAction((HelpAction)help.Action!, context);

        var serve = new Command("serve", "Run the service: FastAGI, AMI, the call flow, dispatch and the portal (the default when no command is given).");
        serve.SetAction((_, ct) => ServeAsync(context, ct));
        root.SetAction((_, ct) => ServeAsync(context, ct));
        root.Subcommands.Add(context.WithExamples(serve, "ivr serve", "ivr serve --Practices:SeedDirectory=practices"));
        root.Subcommands.Add(RecordsCommand.Calls(context));
        root.Subcommands.Add(MessageCommand.Create(context));
        root.Subcommands.Add(FlowCommand.Create(context));
        root.Subcommands.Add(PracticeCommand.Create(context));
        root.Subcommands.Add(ProtocolCommand.Create(context));
        root.Subcommands.Add(TriageCommand.Create(context));
        root.Subcommands.Add(OnCallCommand.Create(context));
        root.Subcommands.Add(ScheduleCommand.Create(context));
        root.Subcommands.Add(SimulateCommand.Create(context));
        root.Subcommands.Add(UserCommand.Create(context));
        root.Subcommands.Add(PromptPinCommand.Create(context));
        root.Subcommands.Add(OperatorCommand.Create(context));
        root.Subcommands.Add(AuditCommand.Create(context));
        root.Subcommands.Add(KeysCommand.Create(context));
        root.Subcommands.Add(DataCommand.Create(context));
        root.Subcommands.Add(CompletionCommand.Create(context));

        // ivr help [COMMAND...] is ivr [COMMAND...] --help, as it always was.
        var helpCommand = new Command("help", "Show help for ivr or one of its commands.") { Hidden = true };
        var topic = new Argument<string[]>("COMMAND") { Arity = ArgumentArity.ZeroOrMore };
        helpCommand.Arguments.Add(topic);
        helpCommand.SetAction((parse, ct) => root.Parse([.. parse.GetValue(topic) ?? [], "--help"]).InvokeAsync(parse.InvocationConfiguration, ct));
        root.Subcommands.Add(helpCommand);
        return context.WithExamples(root, "ivr calls list", "ivr messages --help", "ivr oncall who --practice riverside-pediatrics", "eval \"$(ivr completion bash)\"");
    }

    private static async Task<int> ServeAsync(CliContext context, CancellationToken cancellationToken)
    {
        await IvrHost.Build([.. context.Settings]).RunAsync(cancellationToken);
        return 0;
    }

    /// <summary><c>--Data:ConnectionString=...</c>: a configuration key (it has a colon) and a value.</summary>
    private static bool IsSetting(string word) =>
        word.StartsWith("--", StringComparison.Ordinal) && word.IndexOf('=', StringComparison.Ordinal) is var equals and > 2
        && word.AsSpan(2, equals - 2).Contains(':');

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult command; r = r.Parent)
        {
            names.Add(command.Command is RootCommand ? "ivr" : command.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
