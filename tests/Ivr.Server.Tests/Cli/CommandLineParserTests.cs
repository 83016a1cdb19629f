using Ivr.Domain.Flow;
using Ivr.Server.Cli;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs nothing: the parser's help, refusals and completions, before any command opens a database.</summary>
public sealed class CommandLineParserTests
{
    [Theory]
    [InlineData(new[] { "messages", "ack", "--help" }, "ivr messages ack <ID> [options]", "--by <CLINICIAN> (REQUIRED)", "ivr messages ack 7 --by dr-lee")]
    [InlineData(new[] { "calls", "list", "-h" }, "ivr calls list [options]", "--limit <N>", "ivr calls list --json")]
    [InlineData(new[] { "oncall", "override", "--help" }, "ivr oncall override [options]", "--layer <LAYER>", "--reason \"holiday swap\"")]
    [InlineData(new[] { "help", "schedule", "check" }, "ivr schedule check [options]", "--days <N>", "ivr schedule check --practice riverside-pediatrics --days 60")]
    [InlineData(new[] { "--help" }, "ivr [command] [options]", "messages", "eval \"$(ivr completion bash)\"")]
    public async Task HelpOnACommandPrintsItsUsageOptionsAndExamples(string[] args, string usage, string option, string example)
    {
        var (exitCode, output, errors) = await RunAsync(args);

        Assert.Equal(0, exitCode);
        Assert.Contains(usage, output);
        Assert.Contains(option, output);
        Assert.Contains("Examples:", output);
        Assert.Contains(example, output);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(new[] { "calls", "list", "--jsn" }, "ivr calls list: Unrecognized command or argument '--jsn'.")]
    [InlineData(new[] { "messages", "ack", "7" }, "ivr messages ack: Option '--by' is required.")]
    [InlineData(new[] { "user", "list", "--role", "supervisor" }, "ivr user list: Unrecognized command or argument '--role'.")]
    [InlineData(new[] { "oncall", "overrides", "--practice", "p", "--days", "400" }, "ivr oncall overrides: --days takes a whole number from 1 to 366, not '400'.")]
    [InlineData(new[] { "flow", "--mermaid", "--dot" }, "ivr flow: --mermaid and --dot: choose one.")]
    [InlineData(new[] { "messages" }, "ivr messages: Required command was not provided.")]
    [InlineData(new[] { "bogus" }, "ivr: Unrecognized command or argument 'bogus'.")]
    public async Task AWrongCommandLineIsRefusedByNameBeforeAnythingRuns(string[] args, string complaint)
    {
        var (exitCode, output, errors) = await RunAsync(args);

        Assert.Equal(IvrCommandLine.UsageError, exitCode);
        Assert.Contains(complaint, errors);
        Assert.Contains($"See '{complaint[..complaint.IndexOf(':', StringComparison.Ordinal)]} --help'.", errors);
        Assert.Empty(output);
    }

    [Fact]
    public async Task HostSettingsAnywhereAreNotOptions()
    {
        var (exitCode, output, errors) = await RunAsync("flow", "--Data:ConnectionString=Data Source=nowhere.db", "--dot");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("digraph", output.TrimStart());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task EachVoiceScriptHasItsDiagramAndAnUnknownOneIsRefusedByName()
    {
        var (exitCode, output, errors) = await RunAsync("flow", "whisper");
        var (badExit, _, bad) = await RunAsync("flow", "desk");

        Assert.Equal(0, exitCode);
        Assert.Equal(VoiceScripts.Mermaid(VoiceScripts.Whisper), output);
        Assert.Empty(errors);
        Assert.Equal(IvrCommandLine.UsageError, badExit);
        Assert.Contains("'desk'", bad);
    }

    [Theory]
    [InlineData("ivr calls li", "list")]
    [InlineData("ivr mess", "messages")]
    [InlineData("ivr messages ack 7 --", "--by")]
    [InlineData("ivr flow ", "whisper")]
    [InlineData("ivr user add amy --role ", "practice-admin")]
    [InlineData("ivr oncall override --layer b", "backup")]
    public async Task TheSuggestDirectiveCompletesCommandsOptionsAndValues(string line, string expected)
    {
        var (exitCode, output, _) = await RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(0, exitCode);
        Assert.Contains(expected, output.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task TheBashCompletionScriptAsksTheSuggestDirective()
    {
        var (exitCode, output, _) = await RunAsync("completion", "bash");

        Assert.Equal(0, exitCode);
        Assert.Equal(CompletionCommand.Bash, output);
        Assert.Contains("ivr \"[suggest:${#line}]\" \"$line\"", output);
        Assert.Contains("complete -o default -F _ivr_complete ivr", output);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exitCode = await IvrCommandLine.RunAsync(args, output, errors, new StringReader(string.Empty));
        return (exitCode, output.ToString(), errors.ToString());
    }
}
