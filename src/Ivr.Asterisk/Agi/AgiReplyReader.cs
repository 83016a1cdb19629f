namespace Ivr.Asterisk.Agi;

/// <summary>
/// Turns the lines Asterisk sends after the environment block into frames. Pure and resumable:
/// feed it one line at a time. A <c>HANGUP</c> notice is recognised wherever it stands, even glued
/// to the front of the next reply, and is never taken for a reply.
/// </summary>
public sealed class AgiReplyReader
{
    private const string HangupWord = "HANGUP";
    private List<string>? _usage;
    private List<string>? _raw;
    private string? _usageHead;

    /// <summary>True while inside a multi-line <c>520-</c> block.</summary>
    public bool InsideUsageBlock => _usage is not null;

    /// <summary>Consumes one line and appends the frames it completes to <paramref name="frames"/>.</summary>
    /// <exception cref="AgiProtocolException">The line fits no part of the grammar.</exception>
    public void Feed(string line, ICollection<AgiFrame> frames)
    {
        if (_usage is not null)
        {
            FeedUsage(line, frames);
            return;
        }

        if (line.StartsWith(HangupWord, StringComparison.Ordinal))
        {
            frames.Add(new AgiFrame.Hangup());
            var rest = line[HangupWord.Length..].TrimStart(' ');
            if (rest.Length > 0)
            {
                Feed(rest, frames);
            }

            return;
        }

        if (line.Length == 0)
        {
            // Stray blank lines have been seen from some Asterisk builds; they carry nothing.
            return;
        }

        if (line.StartsWith("100", StringComparison.Ordinal) && (line.Length == 3 || line[3] == ' '))
        {
            frames.Add(new AgiFrame.Interim(line));
            return;
        }

        if (line.StartsWith("520-", StringComparison.Ordinal))
        {
            _usage = [];
            _raw = [line];
            _usageHead = line;
            return;
        }

        frames.Add(new AgiFrame.Reply(AgiReplyParser.ParseStatusLine(line)));
    }

    private void FeedUsage(string line, ICollection<AgiFrame> frames)
    {
        _raw!.Add(line);

        // Before Asterisk 13.17 the closing line could be glued to the last usage line.
        var end = line.StartsWith("520 ", StringComparison.Ordinal) ? 0 : line.IndexOf("520 End of proper usage.", StringComparison.Ordinal);
        if (end < 0)
        {
            _usage!.Add(line);
            return;
        }

        if (end > 0)
        {
            _usage!.Add(line[..end]);
        }

        var head = _usageHead!;
        var reply = AgiReplyParser.ParseStatusLine("520 " + head[4..], _usage, _raw);
        _usage = null;
        _raw = null;
        _usageHead = null;
        frames.Add(new AgiFrame.Reply(reply));
    }
}
