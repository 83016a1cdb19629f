using Ivr.Domain.Flow;

namespace Ivr.Server.Cli;

/// <summary><c>ivr flow --mermaid|--dot [patient|whisper|page]</c>: the diagram of a voice script, from the definition calls run.</summary>
public static class FlowCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        var format = args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal)) ?? "--mermaid";
        var script = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? VoiceScripts.Patient;
        if (!VoiceScripts.Names.Contains(script))
        {
            throw new CommandLineException($"unknown voice script '{script}'; use {string.Join(", ", VoiceScripts.Names)}.");
        }

        output.Write(format switch
        {
            "--mermaid" => VoiceScripts.Mermaid(script),
            "--dot" => VoiceScripts.Dot(script),
            _ => throw new CommandLineException($"unknown option '{format}'; use --mermaid or --dot."),
        });
        return 0;
    }
}
