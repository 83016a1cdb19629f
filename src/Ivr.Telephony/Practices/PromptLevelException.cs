namespace Ivr.Telephony.Practices;

/// <summary>sox could not read or write a sound while bringing it to the prompts' level; the first line it printed says why.</summary>
public sealed class PromptLevelException(int exitCode, string firstErrorLine)
    : Exception($"sox failed (exit {exitCode}): {firstErrorLine}")
{
    public int ExitCode { get; } = exitCode;

    public string FirstErrorLine { get; } = firstErrorLine;
}
