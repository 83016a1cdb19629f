using System.Text;

namespace Ivr.Asterisk.Ami;

/// <summary>
/// An action to send: its name and headers in order (repeatable, for <c>Variable</c>).
/// The client adds the ActionID. Values with CR or LF are refused: they would inject headers.
/// </summary>
public sealed class AmiAction
{
    /// <summary>Asterisk drops input lines longer than 1024 bytes (manager.c <c>inbuf[1025]</c>).</summary>
    public const int MaxLineBytes = 1024;

    /// <summary>Asterisk accepts at most 128 headers per action (<c>AST_MAX_MANHEADERS</c>).</summary>
    public const int MaxHeaders = 128;

    private readonly List<KeyValuePair<string, string>> _headers = [];

    /// <summary>Creates an action.</summary>
    public AmiAction(string name)
    {
        ValidateToken(name, nameof(name));
        Name = name;
    }

    /// <summary>The action name, e.g. <c>Originate</c>.</summary>
    public string Name { get; }

    /// <summary>Headers other than Action and ActionID, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>How long to wait for the response; null uses the client's default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Adds a header (repeat the call for repeated headers such as Variable).</summary>
    public AmiAction Add(string key, string value)
    {
        ValidateToken(key, nameof(key));
        if (key.Equals("ActionID", StringComparison.OrdinalIgnoreCase) || key.Equals("Action", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Action and ActionID are set by the client.", nameof(key));
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"The value of AMI header '{key}' contains CR or LF.", nameof(value));
        }

        if (_headers.Count + 2 >= MaxHeaders)
        {
            throw new ArgumentException($"An AMI action may carry at most {MaxHeaders} headers.");
        }

        _headers.Add(new(key, value));
        return this;
    }

    /// <summary>The first value of a header, or null.</summary>
    public string? Get(string key) =>
        _headers.FirstOrDefault(h => h.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The bytes to write: CRLF line ends and a closing empty line.</summary>
    public byte[] Serialize(string actionId)
    {
        var builder = new StringBuilder(64 + (_headers.Count * 32));
        AppendLine(builder, "Action", Name);
        AppendLine(builder, "ActionID", actionId);
        foreach (var header in _headers)
        {
            AppendLine(builder, header.Key, header.Value);
        }

        builder.Append("\r\n");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void AppendLine(StringBuilder builder, string key, string value)
    {
        var start = builder.Length;
        builder.Append(key).Append(": ").Append(value);
        if (Encoding.UTF8.GetByteCount(builder.ToString(start, builder.Length - start)) > MaxLineBytes)
        {
            throw new ArgumentException($"AMI header '{key}' is longer than {MaxLineBytes} bytes; Asterisk would drop it.");
        }

        builder.Append("\r\n");
    }

    private static void ValidateToken(string value, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value) || value.AsSpan().IndexOfAny(":\r\n") >= 0)
        {
            throw new ArgumentException($"'{value}' is not a valid AMI name.", parameter);
        }
    }
}
