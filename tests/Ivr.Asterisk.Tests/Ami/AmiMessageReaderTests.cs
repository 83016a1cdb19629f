using System.Text;
using Ivr.Asterisk.Ami;
using Ivr.Asterisk.Tests.Support;

namespace Ivr.Asterisk.Tests.Ami;

/// <summary>Needs nothing: AMI framing and headers.</summary>
public sealed class AmiMessageReaderTests
{
    private const string Stream =
        "Asterisk Call Manager/11.0.0\r\n" +
        "Response: Success\r\nActionID: ivr-1\r\nMessage: Authentication accepted\r\n\r\n" +
        "Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n" +
        "Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/sipp-00000001\r\nCallerIDName: José Müller\r\nAccountCode: \r\nChanVariable: A=1\r\nChanVariable: B=2\r\nUniqueid: 1.1\r\n\r\n" +
        "Response: Success\r\nActionID: ivr-2\r\nEventList: start\r\nMessage: Confbridge user list will follow\r\n\r\n" +
        "Event: ConfbridgeList\r\nActionID: ivr-2\r\nConference: ivr-1.1\r\n\r\n" +
        "Event: ConfbridgeListComplete\r\nActionID: ivr-2\r\nEventList: Complete\r\nListItems: 1\r\n\r\n" +
        "Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: ivr-3\r\nResponse: Success\r\nReason: 4\r\n\r\n";

    [Fact]
    public void BannerIsKeptApartAndMessagesEndAtBlankLines()
    {
        var (reader, messages) = Read(Stream);
        Assert.Equal("11.0.0", reader.Version);
        Assert.Equal(["Success", "FullyBooted", "Newchannel", "Success", "ConfbridgeList", "ConfbridgeListComplete", "OriginateResponse"], messages.Select(m => m.Name));
    }

    [Fact]
    public void OriginateResponseIsAnEventDespiteItsResponseHeader()
    {
        var (_, messages) = Read(Stream);
        var originate = messages[^1];
        Assert.Equal(AmiMessageKind.Event, originate.Kind);
        Assert.Equal("Success", originate["Response"]);
    }

    [Fact]
    public void EmptyValuesRepeatedKeysAndCaseAreKept()
    {
        var (_, messages) = Read(Stream);
        var channel = messages[2];
        Assert.Equal(string.Empty, channel["AccountCode"]);
        Assert.Equal(["A=1", "B=2"], channel.GetAll("ChanVariable"));
        Assert.Equal("1.1", channel["UniqueID"]);
        Assert.Equal("José Müller", channel["CallerIDName"]);
    }

    [Fact]
    public void SameMessagesHoweverTheBytesAreSplit()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        var expected = Describe(bytes, []);
        foreach (var split in Chunked.AllSplits(bytes))
        {
            Assert.Equal(expected, Describe(bytes, split));
        }
    }

    [Fact]
    public void BareLfAndMissingSpaceAfterTheColonParse()
    {
        var (_, messages) = Read("Asterisk Call Manager/11.0.0\nEvent: Hangup\nUniqueid:1.2\nCause:    16\nAccountCode:\n\n");
        var hangup = Assert.Single(messages);
        Assert.Equal("1.2", hangup["Uniqueid"]);
        Assert.Equal("16", hangup["Cause"]);
        Assert.Equal(string.Empty, hangup["AccountCode"]);
    }

    [Fact]
    public void LineWithoutColonIsKeptAndCounted()
    {
        var (reader, messages) = Read("Event: Odd\r\nno colon here\r\n\r\n");
        Assert.Equal(1, reader.MalformedLines);
        Assert.Equal("no colon here", messages[0][string.Empty]);
    }

    [Fact]
    public void MessageWithABadFirstHeaderThrowsAndTheNextOneStillParses()
    {
        var reader = new AmiMessageReader();
        reader.Feed("Asterisk Call Manager/11.0.0");
        reader.Feed("Garbage: 1");
        Assert.Throws<AmiProtocolException>(() => reader.Feed(string.Empty));
        reader.Feed("Event: Hangup");
        Assert.Equal("Hangup", reader.Feed(string.Empty)!.Name);
    }

    [Fact]
    public void LegacyFollowsOutputKeepsActionIdAndRawLinesWithColons()
    {
        var (_, messages) = Read("Response: Follows\r\nPrivilege: Command\r\nActionID: 7\r\nName: value: with colon\r\nsecond line\r\n--END COMMAND--\r\n\r\n");
        var response = Assert.Single(messages);
        Assert.Equal("7", response.ActionId);
        Assert.Equal(["Name: value: with colon", "second line"], response.GetAll("Output"));
    }

    [Fact]
    public void ModernCommandOutputIsRepeatedOutputHeaders()
    {
        var (_, messages) = Read("Response: Success\r\nActionID: 9\r\nMessage: Command output follows\r\nOutput: System uptime: 10 seconds\r\nOutput: Last reload: 10 seconds\r\n\r\n");
        Assert.Equal(2, messages[0].GetAll("Output").Count);
    }

    [Fact]
    public void ConsecutiveBlankLinesMakeNoEmptyMessages() =>
        Assert.Single(Read("\r\n\r\nEvent: A\r\n\r\n\r\n").Messages);

    [Fact]
    public void ActionSerialisesWithCrLfActionIdSecondAndABlankLine()
    {
        var action = new AmiAction("Originate").Add("Channel", "PJSIP/x").Add("Variable", "A=1").Add("Variable", "B=2");
        Assert.Equal("Action: Originate\r\nActionID: ivr-5\r\nChannel: PJSIP/x\r\nVariable: A=1\r\nVariable: B=2\r\n\r\n", Encoding.UTF8.GetString(action.Serialize("ivr-5")));
    }

    [Fact]
    public void ActionRefusesHeaderInjectionReservedKeysAndOverlongLines()
    {
        Assert.Throws<ArgumentException>(() => new AmiAction("Ping").Add("X", "a\r\nAction: Hangup"));
        Assert.Throws<ArgumentException>(() => new AmiAction("Ping").Add("ActionID", "1"));
        Assert.Throws<ArgumentException>(() => new AmiAction("Ping").Add("X", new string('a', 1100)).Serialize("1"));
        var many = new AmiAction("Originate");
        Assert.Throws<ArgumentException>(() => Enumerable.Range(0, 200).ToList().ForEach(i => many.Add("Variable", $"V{i}=1")));
    }

    private static (AmiMessageReader Reader, List<AmiMessage> Messages) Read(string text)
    {
        var reader = new AmiMessageReader();
        var messages = Chunked.Lines(Encoding.UTF8.GetBytes(text)).Select(reader.Feed).OfType<AmiMessage>().ToList();
        return (reader, messages);
    }

    private static string Describe(byte[] bytes, int[] split)
    {
        var reader = new AmiMessageReader();
        var messages = Chunked.Lines(bytes, split).Select(reader.Feed).OfType<AmiMessage>();
        return string.Join("|", messages.Select(m => string.Join(",", m.Headers.Select(h => $"{h.Key}={h.Value}"))));
    }
}
