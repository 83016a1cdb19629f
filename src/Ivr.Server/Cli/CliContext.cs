using System.CommandLine;
using Microsoft.Extensions.Hosting;

namespace Ivr.Server.Cli;

/// <summary>
/// What every command's action shares: where results and complaints go, where passwords come from,
/// the host settings given on the command line (<c>--Data:ConnectionString=...</c>), and the examples
/// each command's help ends with.
/// </summary>
public sealed class CliContext(TextWriter output, TextWriter error, TextReader input, IReadOnlyList<string> settings)
{
    private readonly Dictionary<Command, string[]> _examples = [];

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public TextReader Input { get; } = input;

    public IReadOnlyList<string> Settings { get; } = settings;

    /// <summary>The data layer and the services a one-shot command needs, schema up to date; no web host, no Asterisk.</summary>
    public Task<IHost> OpenAsync(CancellationToken cancellationToken = default) => CliHost.OpenAsync(Settings, cancellationToken);

    /// <summary>Adds <paramref name="lines"/> to <paramref name="command"/>'s help, under Examples.</summary>
    public T WithExamples<T>(T command, params string[] lines) where T : Command
    {
        _examples[command] = lines;
        return command;
    }

    public IReadOnlyList<string> ExamplesOf(Command command) => _examples.TryGetValue(command, out var lines) ? lines : [];
}
