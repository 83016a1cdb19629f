using Ivr.Asterisk.Agi;
using Ivr.Asterisk.Tests.Support;

namespace Ivr.Asterisk.Tests.Agi;

/// <summary>Needs nothing: text captured from a real Asterisk 22 (Captures/README.md) through our parsers.</summary>
public sealed class CapturedAgiTests
{
    [Fact]
    public void BasicSessionParsesEveryReplyAsAsteriskMeantIt()
    {
        var (request, frames) = Parse("agi-basic.bin");
        Assert.Equal("capture", request.Script);
        Assert.StartsWith("PJSIP/sipp-", request.Channel);
        Assert.Equal("5551234567", request.CallerIdNumber);
        Assert.StartsWith("22.", request.Version);
        var replies = frames.OfType<AgiFrame.Reply>().Select(f => f.Value).ToArray();
        Assert.Equal(11, replies.Length);
        Assert.Equal("5551234567", replies[1].Data);
        Assert.Equal("0", replies[2].Result);
        Assert.Equal("a b", replies[4].Data);
        Assert.Equal((-1L, 0L), (replies[5].ResultNumber!.Value, replies[5].EndPosition!.Value));
        Assert.Equal("123", replies[6].Result);
        Assert.Equal(510, replies[8].Status);
        Assert.Equal(520, replies[9].Status);
        Assert.NotEmpty(replies[9].UsageLines);
        Assert.Equal(200, replies[10].Status);
    }

    [Fact]
    public void GetDataWithNoDigitsIsAnEmptyTimeout()
    {
        var (_, frames) = Parse("agi-getdata-timeout.bin");
        var getData = frames.OfType<AgiFrame.Reply>().ElementAt(1).Value;
        Assert.Equal(string.Empty, getData.Result);
        Assert.Equal("timeout", getData.Data);
        Assert.Single(frames.OfType<AgiFrame.Hangup>());
    }

    [Fact]
    public void HangupDuringStreamGivesMinusOneThenTheNoticeThen511()
    {
        var (_, frames) = Parse("agi-hangup-during-stream.bin");
        var kinds = frames.Select(f => f switch
        {
            AgiFrame.Hangup => "HANGUP",
            AgiFrame.Reply r => $"{r.Value.Status}:{r.Value.Result}",
            _ => "?",
        });
        Assert.Equal(["200:0", "200:-1", "HANGUP", "511:", "200:1"], kinds);
    }

    [Fact]
    public void CapturesParseTheSameHoweverTheBytesAreSplit()
    {
        foreach (var name in new[] { "agi-basic.bin", "agi-hangup-during-stream.bin" })
        {
            var bytes = Captures.Read(name);
            var whole = Chunked.Lines(bytes);
            foreach (var split in Chunked.AllSplits(bytes))
            {
                Assert.Equal(whole, Chunked.Lines(bytes, split));
            }
        }
    }

    private static (AgiRequest Request, List<AgiFrame> Frames) Parse(string name)
    {
        var lines = Chunked.Lines(Captures.Read(name));
        var environment = new AgiEnvironmentReader();
        var index = 0;
        while (!environment.Feed(lines[index++]))
        {
        }

        var reader = new AgiReplyReader();
        var frames = new List<AgiFrame>();
        foreach (var line in lines.Skip(index))
        {
            reader.Feed(line, frames);
        }

        return (environment.ToRequest(), frames);
    }
}
