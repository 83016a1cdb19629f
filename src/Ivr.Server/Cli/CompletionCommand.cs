using System.CommandLine;

namespace Ivr.Server.Cli;

/// <summary>
/// <c>ivr completion bash</c>: a completion script for the shell. It asks <c>ivr</c> itself through
/// System.CommandLine's <c>[suggest]</c> directive, so it always knows every command and option.
/// </summary>
public static class CompletionCommand
{
    public const string Bash = """
        # bash completion for ivr; enable with: eval "$(ivr completion bash)" (e.g. in ~/.bashrc)
        _ivr_complete() {
          local line="${COMP_LINE:0:COMP_POINT}" IFS=$'\n'
          COMPREPLY=($(compgen -W "$(ivr "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _ivr_complete ivr

        """;

    public static Command Create(CliContext context)
    {
        var completion = new Command("completion", "Print a shell completion script (it asks ivr's [suggest] directive for every word).");
        var shell = new Argument<string>("shell") { Description = "the shell: bash", DefaultValueFactory = _ => "bash" };
        shell.AcceptOnlyFromAmong("bash");
        completion.Arguments.Add(shell);
        completion.SetAction(_ =>
        {
            context.Output.Write(Bash);
            return 0;
        });
        return context.WithExamples(completion, "eval \"$(ivr completion bash)\"", "ivr completion bash > /etc/bash_completion.d/ivr");
    }
}
