namespace Ivr.Data.Triage;

/// <summary>A protocol file that cannot be used; each error names the file, the line and what is wrong.</summary>
public sealed class ProtocolFileException(IReadOnlyList<string> errors) : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
