using Ivr.Asterisk.Agi;
using Ivr.Asterisk.Tests.Support;

namespace Ivr.Asterisk.Tests.Agi;

/// <summary>Needs nothing: the AGI reply grammar of Asterisk 22 (res_agi.c), line by line.</summary>
public sealed class AgiReplyGrammarTests
{
    [Theory]
    [InlineData("200 result=1", "1", null, null)]
    [InlineData("200 result=0", "0", null, null)]
    [InlineData("200 result= (timeout)", "", "timeout", null)]
    [InlineData("200 result=123 (timeout)", "123", "timeout", null)]
    [InlineData("200 result=49 endpos=2240", "49", null, 2240L)]
    [InlineData("200 result=-1 endpos=0", "-1", null, 0L)]
    [InlineData("200 result=1 ()", "1", "", null)]
    [InlineData("200 result=1 ((hello)(world)) endpos=1", "1", "(hello)(world)", 1L)]
    [InlineData("200 result=1 (a)b)", "1", "a)b", null)]
    [InlineData("200 result=-1 (hangup) endpos=12345", "-1", "hangup", 12345L)]
    [InlineData("200 result=35 (dtmf) endpos=8000", "35", "dtmf", 8000L)]
    public void SuccessRepliesParseResultDataAndEndpos(string line, string result, string? data, long? endpos)
    {
        var reply = AgiReplyParser.ParseStatusLine(line);
        Assert.Equal(200, reply.Status);
        Assert.Equal(result, reply.Result);
        Assert.Equal(data, reply.Data);
        Assert.Equal(endpos, reply.EndPosition);
    }

    [Fact]
    public void GetDataTimeoutWithNoDigitsIsAnEmptyResultNotTheWordTimeout()
    {
        var reply = AgiReplyParser.ParseStatusLine("200 result= (timeout)");
        Assert.Equal(string.Empty, reply.Result);
        Assert.Null(reply.ResultNumber);
    }

    [Fact]
    public void SpeechAttributesKeepQuotedValuesWithSpaces()
    {
        var reply = AgiReplyParser.ParseStatusLine("200 result=1 (speech) endpos=0 results=1 score0=890 text0=\"hello \\\"big\\\" world\"");
        Assert.Equal("speech", reply.Data);
        Assert.Equal("890", reply.Attributes["score0"]);
        Assert.Equal("hello \"big\" world", reply.Attributes["text0"]);
    }

    [Fact]
    public void TrailingWordsAreAMessage()
    {
        var reply = AgiReplyParser.ParseStatusLine("200 result=0 Gosub complete");
        Assert.Equal("Gosub complete", reply.Message);
        Assert.Empty(reply.Attributes);
    }

    [Theory]
    [InlineData("510 Invalid or unknown command", 510)]
    [InlineData("511 Command Not Permitted on a dead channel or intercept routine", 511)]
    [InlineData("520 Invalid command syntax.  Proper usage not available.", 520)]
    public void ErrorStatusesCarryTheirWords(string line, int status)
    {
        var reply = AgiReplyParser.ParseStatusLine(line);
        Assert.Equal(status, reply.Status);
        Assert.False(reply.IsSuccess);
        Assert.Equal(line[4..], reply.Message);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("20 result=1")]
    [InlineData("2000 x")]
    [InlineData("200 result=1 (unbalanced")]
    public void GarbageIsAProtocolError(string line) =>
        Assert.Throws<AgiProtocolException>(() => new AgiReplyReader().Feed(line, new List<AgiFrame>()));

    [Fact]
    public void HangupNoticeIsNeverAReply()
    {
        var frames = Feed("HANGUP", "200 result=1 (x)");
        Assert.IsType<AgiFrame.Hangup>(frames[0]);
        Assert.Equal("x", Assert.IsType<AgiFrame.Reply>(frames[1]).Value.Data);
    }

    [Fact]
    public void HangupGluedToTheNextReplyIsSplitOff()
    {
        var frames = Feed("HANGUP200 result=0");
        Assert.IsType<AgiFrame.Hangup>(frames[0]);
        Assert.Equal("0", Assert.IsType<AgiFrame.Reply>(frames[1]).Value.Result);
    }

    [Fact]
    public void MultiLine520IsOneReplyWithItsUsage()
    {
        var frames = Feed("520-Invalid command syntax.  Proper usage follows:", " Usage: GET DATA <file to be streamed> [timeout] [maxdigits]", "\tStream the given file.", "520 End of proper usage.");
        var reply = Assert.IsType<AgiFrame.Reply>(Assert.Single(frames)).Value;
        Assert.Equal(520, reply.Status);
        Assert.Equal(2, reply.UsageLines.Count);
        Assert.Equal(4, reply.RawLines.Count);
    }

    [Fact]
    public void GluedEndOfUsageFromOldAsteriskIsRecognised()
    {
        var frames = Feed("520-Invalid command syntax.  Proper usage follows:", " Usage: NOOP520 End of proper usage.");
        var reply = Assert.IsType<AgiFrame.Reply>(Assert.Single(frames)).Value;
        Assert.Equal([" Usage: NOOP"], reply.UsageLines);
    }

    [Fact]
    public void InterimTryingIsNotTheReply()
    {
        var frames = Feed("100 result=0 Trying...", "200 result=0 Gosub complete");
        Assert.IsType<AgiFrame.Interim>(frames[0]);
        Assert.Equal("Gosub complete", Assert.IsType<AgiFrame.Reply>(frames[1]).Value.Message);
    }

    [Fact]
    public void StrayBlankLineIsIgnored() => Assert.Single(Feed(string.Empty, "200 result=1"));

    [Fact]
    public void WholeSessionGivesTheSameFramesHoweverTheBytesAreSplit()
    {
        var session = Chunked.Utf8(
            "agi_network: yes\nagi_network_script: inbound?did=15550100\nagi_channel: PJSIP/sipp-00000001\nagi_uniqueid: 1700000000.1\nagi_callerid: 5551234567\nagi_accountcode: \n\n" +
            "200 result=0\n200 result= (timeout)\n520-Invalid command syntax.  Proper usage follows:\n Usage: x\n520 End of proper usage.\n200 result=-1 endpos=1234\nHANGUP\n511 Command Not Permitted on a dead channel or intercept routine\n");
        var expected = Describe(Chunked.Lines(session));
        foreach (var split in Chunked.AllSplits(session))
        {
            Assert.Equal(expected, Describe(Chunked.Lines(session, split)));
        }

        Assert.Equal("env:inbound:5551234567|200:0|200:|520:1|200:-1|HANGUP|511:", expected);
    }

    private static string Describe(List<string> lines)
    {
        var environment = new AgiEnvironmentReader();
        var index = 0;
        while (!environment.Feed(lines[index++]))
        {
        }

        var request = environment.ToRequest();
        var frames = Feed(lines.Skip(index).ToArray());
        return string.Join("|", frames.Select(f => f switch
        {
            AgiFrame.Hangup => "HANGUP",
            AgiFrame.Reply r => $"{r.Value.Status}:{(r.Value.Status == 520 ? r.Value.UsageLines.Count.ToString() : r.Value.Result)}",
            _ => "?",
        }).Prepend($"env:{request.Script}:{request.CallerIdNumber}"));
    }

    private static List<AgiFrame> Feed(params string[] lines)
    {
        var reader = new AgiReplyReader();
        var frames = new List<AgiFrame>();
        foreach (var line in lines)
        {
            reader.Feed(line, frames);
        }

        return frames;
    }
}
