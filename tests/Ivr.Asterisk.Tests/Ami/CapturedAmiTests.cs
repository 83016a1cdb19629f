using Ivr.Asterisk.Ami;
using Ivr.Asterisk.Tests.Support;

namespace Ivr.Asterisk.Tests.Ami;

/// <summary>Needs nothing: AMI text captured from a real Asterisk 22 (Captures/README.md) through our reader.</summary>
public sealed class CapturedAmiTests
{
    [Fact]
    public void LoginAndActionsParseWithTheirActionIds()
    {
        var (reader, messages) = Parse("ami-login-and-actions.bin");
        Assert.Equal("11.0.0", reader.Version);
        Assert.Equal("Authentication accepted", messages.Single(m => m.ActionId == "cap-1")["Message"]);
        Assert.Contains(messages, m => m.IsEvent("FullyBooted"));
        Assert.Equal("Pong", messages.Single(m => m.ActionId == "cap-2")["Ping"]);
        Assert.StartsWith("22.", messages.Single(m => m.ActionId == "cap-3")["AsteriskVersion"]);
        Assert.Equal(string.Empty, messages.Single(m => m.ActionId == "cap-3")["SystemName"]);
        Assert.Equal(2, messages.Single(m => m.ActionId == "cap-4").GetAll("Output").Count);
        Assert.Equal("No active conferences.", messages.Single(m => m.ActionId == "cap-5")["Message"]);
        Assert.Equal("Complete", messages.Single(m => m.IsEvent("CoreShowChannelsComplete"))["EventList"]);
        Assert.False(messages.Single(m => m.ActionId == "cap-7").IsSuccess);
        Assert.Equal(0, reader.MalformedLines);
    }

    [Fact]
    public void FailedLoginIsAnErrorResponse()
    {
        var (_, messages) = Parse("ami-login-failed.bin");
        var response = Assert.Single(messages);
        Assert.False(response.IsSuccess);
        Assert.Equal("Authentication failed", response["Message"]);
    }

    [Fact]
    public void OriginateIsQueuedThenAnsweredByAnOriginateResponseEventWithTheSameActionId()
    {
        var (_, messages) = Parse("ami-originate.bin");
        var queued = messages.Single(m => m.Kind == AmiMessageKind.Response && m.ActionId == "cap-2");
        Assert.True(queued.IsSuccess);
        var response = messages.Single(m => m.IsEvent("OriginateResponse"));
        Assert.Equal(AmiMessageKind.Event, response.Kind);
        Assert.Equal("cap-2", response.ActionId);
        Assert.Equal("Success", response["Response"]);
        Assert.Equal("4", response["Reason"]);
        var hangup = messages.Last(m => m.IsEvent("Hangup"));
        Assert.Equal(response["Uniqueid"], hangup["Uniqueid"]);
    }

    private static (AmiMessageReader Reader, List<AmiMessage> Messages) Parse(string name)
    {
        var reader = new AmiMessageReader();
        var messages = Chunked.Lines(Captures.Read(name)).Select(reader.Feed).OfType<AmiMessage>().ToList();
        return (reader, messages);
    }
}
