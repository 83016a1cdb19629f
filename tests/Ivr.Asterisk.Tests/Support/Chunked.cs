using System.Buffers;
using System.Text;
using Ivr.Asterisk.Text;

namespace Ivr.Asterisk.Tests.Support;

/// <summary>
/// Feeds protocol bytes to the line scanner the way a socket read loop does: in chunks, keeping what
/// is not yet a whole line. Used to prove parsers give the same result however the bytes are split.
/// </summary>
public static class Chunked
{
    public static List<string> Lines(byte[] bytes, params int[] splits)
    {
        var lines = new List<string>();
        var pending = Array.Empty<byte>();
        var cuts = splits.Append(bytes.Length).ToArray();
        var start = 0;
        foreach (var cut in cuts)
        {
            pending = [.. pending, .. bytes[start..cut]];
            start = cut;
            var sequence = Segments(pending, pending.Length / 2);
            while (LineScanner.TryReadLine(ref sequence, 64 * 1024, out var line) == LineScanStatus.Line)
            {
                lines.Add(line);
            }

            pending = sequence.ToArray();
        }

        return lines;
    }

    /// <summary>Every way of cutting the bytes in two, and the bytes fed one at a time.</summary>
    public static IEnumerable<int[]> AllSplits(byte[] bytes)
    {
        for (var i = 0; i <= bytes.Length; i++)
        {
            yield return [i];
        }

        yield return Enumerable.Range(1, bytes.Length - 1).ToArray();
    }

    /// <summary>A two-segment sequence, so lines also straddle segment boundaries inside one read.</summary>
    public static ReadOnlySequence<byte> Segments(byte[] bytes, int cut)
    {
        if (cut <= 0 || cut >= bytes.Length)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        var first = new Segment(bytes[..cut], 0);
        var second = first.Append(bytes[cut..]);
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
