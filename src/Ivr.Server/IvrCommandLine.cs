using Ivr.Server.Cli;
using Ivr.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace Ivr.Server;

/// <summary>The <c>ivr</c> command line.</summary>
public static class IvrCommandLine
{
    public const string Usage = """
        usage: ivr <command> [options]

          serve                        run the service: FastAGI, AMI, call flow, portal (default)
          calls list [--json] [--limit N]
                                       recent calls with their outcome
          calls show ID                one call's timeline: every state, decision and leg, and why
          messages list [--json] [--limit N]
                                       recent messages (reading them is audited)
          messages show ID             a message's history (received → … → resolved) and every
                                       page, email and webhook sent for it
          messages ack ID --by CLINICIAN [--note TEXT]
                                       acknowledge: stops the escalation at once
          messages resolve ID --by CLINICIAN [--note TEXT]
                                       the patient was contacted
          flow --mermaid | --dot [patient|whisper|page]
                                       a voice script's diagram, from the definition calls run
          practice import FILE... [--by NAME]
                                       create or replace practices from YAML/JSON files
          practice export PRACTICE     a practice as a file (import reads it back)
          practice list                practices, coverage modes and numbers
          oncall who --practice P [--at T]
                                       coverage and whom a call would ring, in order
          oncall override --practice P --clinician C --from T --until T --reason TEXT
                          [--layer primary|backup|N] [--by NAME]
                                       put someone else on call for a while
          oncall overrides --practice P [--days N]
          oncall cancel ID [--by NAME]
          schedule check [--days N] [--practice P]
                                       gaps, unverified contacts, uncovered holidays,
                                       daylight-saving handoffs; exit 1 if any
          simulate --practice P --at T [--keys 2,1] [--answer C,...] [--office-answers]
                                       what a call would do, without placing one
          user add USERNAME --role supervisor|practice-admin|clinician|telecom-admin
                   [--practice P] [--clinician C] [--password-stdin]
                                       a portal account; the password is read from standard input
          user list [--json] | user unlock USERNAME | user password USERNAME

        Times (T) are the practice's local time (2026-12-25T02:10), or carry an offset (…Z, …-05:00).
          help                         this text

        Settings come from appsettings.json and environment variables (e.g. Asterisk__Ami__Secret).
        """;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>
    /// Runs one command, writing its results to <paramref name="output"/> and complaints to
    /// <paramref name="error"/>; passwords are read from <paramref name="input"/> (standard input by default).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter? error = null, TextReader? input = null)
    {
        error ??= output;
        input ??= Console.In;
        var command = args.Length == 0 ? "serve" : args[0];
        var rest = args.Skip(1).ToArray();
        try
        {
            switch (command)
            {
                case "serve":
                    await IvrHost.Build(rest).RunAsync();
                    return 0;
                case "flow":
                    return FlowCommand.Run(rest, output);
                case "messages" when rest.FirstOrDefault() is "show" or "ack" or "resolve":
                    return await MessageCommand.RunAsync(rest[0], new CliArguments(rest), output, error);
                case "calls" or "messages":
                    return await RecordsCommand.RunAsync(command, new CliArguments(rest, "--json"), output, error);
                case "practice":
                    return await PracticeCommand.RunAsync(new CliArguments(rest), output, error);
                case "oncall":
                    return await OnCallCommand.RunAsync(new CliArguments(rest), output, error);
                case "schedule":
                    return await ScheduleCommand.RunAsync(new CliArguments(rest), output);
                case "user":
                    return await UserCommand.RunAsync(new CliArguments(rest, "--password-stdin", "--json"), output, error, input);
                case "simulate":
                    return await SimulateCommand.RunAsync(new CliArguments(rest, "--office-answers"), output);
                case "help" or "--help" or "-h":
                    output.WriteLine(Usage);
                    return 0;
                default:
                    error.WriteLine($"ivr: unknown command '{command}'.");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (CommandLineException exception)
        {
            error.WriteLine($"ivr {command}: {exception.Message}");
            return 2;
        }
    }
}
