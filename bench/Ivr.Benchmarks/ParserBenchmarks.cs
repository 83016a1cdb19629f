using System.Buffers;
using BenchmarkDotNet.Attributes;
using Ivr.Asterisk.Agi;
using Ivr.Asterisk.Ami;
using Ivr.Asterisk.Text;

namespace Ivr.Benchmarks;

/// <summary>
/// Time and allocation per protocol message for the pure parsers, fed real captured Asterisk 22
/// text: AGI replies, the AGI environment block, AMI messages from bytes to parsed messages.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private string[] _agiReplies = [];
    private string[] _environment = [];
    private byte[] _amiBytes = [];
    private string[] _amiLines = [];
    private int _amiMessages;
    private readonly List<AgiFrame> _frames = new(64);

    [GlobalSetup]
    public void Setup()
    {
        var agi = Captured.Lines("agi-basic.bin");
        var blank = Array.IndexOf(agi, string.Empty);
        _environment = agi[..(blank + 1)];
        _agiReplies = agi[(blank + 1)..].Where(l => l.Length > 0).ToArray();
        _amiBytes = Captured.Bytes("ami-originate.bin");
        _amiLines = Captured.Lines("ami-originate.bin")[1..];
        _amiMessages = _amiLines.Count(l => l.Length == 0);
    }

    /// <summary>The eleven AGI replies of a call (200s, 510, a multi-line 520) through the reply reader.</summary>
    [Benchmark]
    public int AgiReplyLine()
    {
        _frames.Clear();
        var reader = new AgiReplyReader();
        foreach (var line in _agiReplies)
        {
            reader.Feed(line, _frames);
        }

        return _frames.Count;
    }

    /// <summary>The whole agi_* environment block of a call into a request.</summary>
    [Benchmark]
    public string AgiEnvironmentBlock()
    {
        var reader = new AgiEnvironmentReader();
        foreach (var line in _environment)
        {
            if (reader.Feed(line))
            {
                break;
            }
        }

        return reader.ToRequest().UniqueId;
    }

    /// <summary>The AMI messages of one Originate (Newchannel, DialBegin, OriginateResponse, Hangup …) from lines.</summary>
    [Benchmark]
    public int AmiMessageFromLines()
    {
        var reader = new AmiMessageReader();
        reader.Feed("Asterisk Call Manager/11.0.0");
        var count = 0;
        foreach (var line in _amiLines)
        {
            if (reader.Feed(line) is not null)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The same AMI messages from raw bytes: line framing plus parsing, as the socket loop does it.</summary>
    [Benchmark]
    public int AmiMessageFromBytes()
    {
        var buffer = new ReadOnlySequence<byte>(_amiBytes);
        var reader = new AmiMessageReader();
        var count = 0;
        while (LineScanner.TryReadLine(ref buffer, 64 * 1024, out var line) == LineScanStatus.Line)
        {
            if (reader.Feed(line) is not null)
            {
                count++;
            }
        }

        return count;
    }
}
