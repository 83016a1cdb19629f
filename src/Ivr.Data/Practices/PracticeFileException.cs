namespace Ivr.Data.Practices;

/// <summary>A practice file that cannot be used; each error names the file, the line and what is wrong.</summary>
public sealed class PracticeFileException(IReadOnlyList<string> errors) : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
