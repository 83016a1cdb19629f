using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ivr.Server.EndToEndTests.Support;

/// <summary>
/// Reads the raw mails <see cref="SmtpSink"/> keeps: headers unfolded with their RFC 2047 words decoded,
/// and the body decoded from its transfer encoding. Just enough MIME for single-part text mails.
/// </summary>
public static partial class MailText
{
    /// <summary>A header's decoded value, or null when the mail has none by that name.</summary>
    public static string? Header(string raw, string name)
    {
        foreach (var line in Headers(raw))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return DecodeWords(line[(colon + 1)..].Trim());
            }
        }

        return null;
    }

    /// <summary>The body as text: base64 and quoted-printable undone, in the charset the mail names (UTF-8 if none).</summary>
    public static string Body(string raw)
    {
        var text = raw.ReplaceLineEndings("\n");
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var body = split < 0 ? string.Empty : text[(split + 2)..];
        var charset = CharsetPattern().Match(Header(raw, "Content-Type") ?? string.Empty);
        var encoding = charset.Success ? Encoding.GetEncoding(charset.Groups[1].Value) : Encoding.UTF8;
        return (Header(raw, "Content-Transfer-Encoding") ?? string.Empty).ToLowerInvariant() switch
        {
            "base64" => encoding.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
            "quoted-printable" => encoding.GetString(QuotedPrintable(body.Replace("=\n", string.Empty, StringComparison.Ordinal), underscoreIsSpace: false)),
            _ => body,
        };
    }

    private static IEnumerable<string> Headers(string raw)
    {
        var text = raw.ReplaceLineEndings("\n");
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var current = new StringBuilder();
        foreach (var line in (end < 0 ? text : text[..end]).Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                current.Append(line);
                continue;
            }

            if (current.Length > 0)
            {
                yield return current.ToString();
            }

            current.Clear().Append(line);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static string DecodeWords(string value) =>
        EncodedWord().Replace(AdjacentWords().Replace(value, "?==?"), match =>
        {
            var encoding = Encoding.GetEncoding(match.Groups[1].Value);
            var data = match.Groups[3].Value;
            return encoding.GetString(match.Groups[2].Value is "B" or "b"
                ? Convert.FromBase64String(data)
                : QuotedPrintable(data, underscoreIsSpace: true));
        });

    private static byte[] QuotedPrintable(string text, bool underscoreIsSpace)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(underscoreIsSpace && text[i] == '_' ? " " : text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    // RFC 2047: white space between two encoded words is not part of the text.
    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex AdjacentWords();

    [GeneratedRegex(@"charset=""?([^"";\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();
}
