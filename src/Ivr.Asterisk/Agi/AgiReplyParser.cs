using System.Globalization;

namespace Ivr.Asterisk.Agi;

/// <summary>
/// Parses the single status line of an AGI reply. Pure: no I/O, no state.
/// </summary>
public static class AgiReplyParser
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();

    /// <summary>Parses a <c>2xx</c> or <c>5xx</c> status line (not <c>HANGUP</c>, not a 520 continuation).</summary>
    /// <exception cref="AgiProtocolException">The line is not a reply.</exception>
    public static AgiReply ParseStatusLine(string line, IReadOnlyList<string>? usageLines = null, IReadOnlyList<string>? rawLines = null)
    {
        if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            || (line.Length > 3 && line[3] != ' ' && line[3] != '-'))
        {
            throw new AgiProtocolException($"Not an AGI reply line: '{Truncate(line)}'");
        }

        var raw = rawLines ?? [line];
        var usage = usageLines ?? [];
        var rest = line.Length > 4 ? line[4..] : string.Empty;
        if (!rest.StartsWith("result=", StringComparison.Ordinal))
        {
            // 510/511/520 carry words, not a result.
            return new AgiReply(status, string.Empty, null, NoAttributes, rest.Length == 0 ? null : rest, usage, raw);
        }

        rest = rest["result=".Length..];
        var space = rest.IndexOf(' ');
        var result = space < 0 ? rest : rest[..space];
        var tail = space < 0 ? string.Empty : rest[(space + 1)..].TrimStart(' ');
        var (data, attributeText) = SplitData(tail);
        var attributes = ParseAttributes(attributeText, out var message);
        return new AgiReply(status, result, data, attributes, message, usage, raw);
    }

    /// <summary>
    /// Splits "(data) k=v" into its data and attribute parts. The data may itself contain parentheses
    /// (GET FULL VARIABLE prints values raw), so the data ends at the last ')' after which only
    /// <c>key=value</c> pairs follow.
    /// </summary>
    private static (string? Data, string Attributes) SplitData(string tail)
    {
        if (tail.Length == 0 || tail[0] != '(')
        {
            return (null, tail);
        }

        for (var close = tail.LastIndexOf(')'); close > 0; close = tail.LastIndexOf(')', close - 1))
        {
            var after = tail[(close + 1)..];
            if (after.Length == 0 || (after[0] == ' ' && OnlyAttributes(after)))
            {
                return (tail[1..close], after.TrimStart(' '));
            }
        }

        throw new AgiProtocolException($"Unbalanced data in AGI reply: '{Truncate(tail)}'");
    }

    private static bool OnlyAttributes(string text)
    {
        var attributes = ParseAttributes(text, out var message);
        return message is null && attributes.Count > 0;
    }

    private static IReadOnlyDictionary<string, string> ParseAttributes(string text, out string? message)
    {
        message = null;
        var span = text.AsSpan().Trim(' ');
        if (span.IsEmpty)
        {
            return NoAttributes;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position < span.Length)
        {
            var equals = span[position..].IndexOf('=');
            var nextSpace = span[position..].IndexOf(' ');
            if (equals <= 0 || (nextSpace >= 0 && nextSpace < equals) || !IsKey(span.Slice(position, equals)))
            {
                message = span.ToString();
                return NoAttributes;
            }

            var key = span.Slice(position, equals).ToString();
            position += equals + 1;
            string value;
            if (position < span.Length && span[position] == '"')
            {
                var end = FindClosingQuote(span, position + 1);
                if (end < 0)
                {
                    message = span.ToString();
                    return NoAttributes;
                }

                value = Unescape(span[(position + 1)..end]);
                position = end + 1;
            }
            else
            {
                var end = span[position..].IndexOf(' ');
                value = (end < 0 ? span[position..] : span.Slice(position, end)).ToString();
                position = end < 0 ? span.Length : position + end;
            }

            attributes[key] = value;
            while (position < span.Length && span[position] == ' ')
            {
                position++;
            }
        }

        return attributes;
    }

    private static bool IsKey(ReadOnlySpan<char> key)
    {
        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static int FindClosingQuote(ReadOnlySpan<char> span, int from)
    {
        for (var i = from; i < span.Length; i++)
        {
            if (span[i] == '\\')
            {
                i++;
            }
            else if (span[i] == '"')
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(ReadOnlySpan<char> quoted)
    {
        if (quoted.IndexOf('\\') < 0)
        {
            return quoted.ToString();
        }

        var builder = new System.Text.StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length)
            {
                i++;
            }

            builder.Append(quoted[i]);
        }

        return builder.ToString();
    }

    internal static string Truncate(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
