using System.Buffers;
using System.Text;

namespace Ivr.Asterisk.Text;

/// <summary>
/// Cuts complete lines out of a byte buffer. Lines end at LF; a CR right before the LF is dropped.
/// Text is decoded only once a whole line is present, so a UTF-8 character split across two
/// socket reads is never corrupted.
/// </summary>
public static class LineScanner
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// Tries to take one line from the start of <paramref name="buffer"/>. On success the buffer is
    /// advanced past the line and its terminator.
    /// </summary>
    /// <param name="buffer">The unread bytes; advanced when a line is taken.</param>
    /// <param name="maxLineBytes">Longest line accepted, terminator excluded.</param>
    /// <param name="line">The decoded line without CR/LF.</param>
    public static LineScanStatus TryReadLine(ref ReadOnlySequence<byte> buffer, int maxLineBytes, out string line)
    {
        line = string.Empty;
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            return buffer.Length > maxLineBytes ? LineScanStatus.TooLong : LineScanStatus.NeedMoreData;
        }

        var content = buffer.Slice(0, position.Value);
        if (content.Length > 0 && EndsWithCarriageReturn(content))
        {
            content = content.Slice(0, content.Length - 1);
        }

        if (content.Length > maxLineBytes)
        {
            return LineScanStatus.TooLong;
        }

        line = content.IsSingleSegment ? Utf8.GetString(content.FirstSpan) : Utf8.GetString(content.ToArray());
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return LineScanStatus.Line;
    }

    private static bool EndsWithCarriageReturn(ReadOnlySequence<byte> content)
    {
        var last = content.Slice(content.Length - 1);
        return last.FirstSpan[0] == (byte)'\r';
    }
}
