using System.CommandLine;
using Ivr.Domain.Flow;

namespace Ivr.Server.Cli;

/// <summary><c>ivr flow [--mermaid|--dot] [patient|whisper|page]</c>: the diagram of a voice script, from the definition calls run.</summary>
public static class FlowCommand
{
    public static Command Create(CliContext context)
    {
        var flow = new Command("flow", "The diagram of a voice script, generated from the definition calls run.");
        var mermaid = CliOptions.Flag("--mermaid", "a Mermaid state diagram (the default)");
        var dot = CliOptions.Flag("--dot", "a Graphviz digraph (dot -Tsvg draws it)");
        var script = new Argument<string>("script")
        {
            Description = "patient (the caller's flow), whisper (the clinician's leg) or page (the voice page)",
            DefaultValueFactory = _ => VoiceScripts.Patient,
        };
        script.AcceptOnlyFromAmong([.. VoiceScripts.Names]);
        flow.Options.Add(mermaid);
        flow.Options.Add(dot);
        flow.Arguments.Add(script);
        flow.Validators.Add(result =>
        {
            if (result.GetValue(mermaid) && result.GetValue(dot))
            {
                result.AddError("--mermaid and --dot: choose one.");
            }
        });
        flow.SetAction(parse => Run(context, parse.GetValue(script) ?? VoiceScripts.Patient, parse.GetValue(dot)));
        return context.WithExamples(flow, "ivr flow --mermaid", "ivr flow --dot patient | dot -Tsvg > flow.svg", "ivr flow --mermaid whisper");
    }

    private static int Run(CliContext context, string script, bool dot)
    {
        context.Output.Write(dot ? VoiceScripts.Dot(script) : VoiceScripts.Mermaid(script));
        return 0;
    }
}
