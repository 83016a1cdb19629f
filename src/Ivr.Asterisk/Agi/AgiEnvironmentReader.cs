namespace Ivr.Asterisk.Agi;

/// <summary>
/// Collects the <c>agi_name: value</c> lines that open a FastAGI session, up to the blank line.
/// Pure and resumable; limits the number of lines so a broken peer cannot grow it without end.
/// </summary>
public sealed class AgiEnvironmentReader
{
    private const string Prefix = "agi_";
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly int _maxLines;
    private int _lines;

    /// <summary>Creates a reader that accepts at most <paramref name="maxLines"/> variables.</summary>
    public AgiEnvironmentReader(int maxLines = 512) => _maxLines = maxLines;

    /// <summary>True once the closing blank line was read.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Consumes one line; returns true when the environment is complete.</summary>
    /// <exception cref="AgiProtocolException">A line is not an AGI variable, or there are too many.</exception>
    public bool Feed(string line)
    {
        if (IsComplete)
        {
            throw new InvalidOperationException("The environment is already complete.");
        }

        if (line.Length == 0)
        {
            if (_values.Count == 0)
            {
                throw new AgiProtocolException("The AGI environment is empty.");
            }

            IsComplete = true;
            return true;
        }

        if (++_lines > _maxLines)
        {
            throw new AgiProtocolException($"The AGI environment has more than {_maxLines} lines.");
        }

        var colon = line.IndexOf(':');
        if (colon <= Prefix.Length || !line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new AgiProtocolException($"Not an AGI environment line: '{AgiReplyParser.Truncate(line)}'");
        }

        var value = colon + 1 < line.Length && line[colon + 1] == ' ' ? line[(colon + 2)..] : line[(colon + 1)..];
        _values[line[Prefix.Length..colon]] = value;
        return false;
    }

    /// <summary>The request built from the lines read.</summary>
    public AgiRequest ToRequest() =>
        IsComplete ? new AgiRequest(new Dictionary<string, string>(_values)) : throw new InvalidOperationException("The environment is not complete.");
}
