using System.Collections.Concurrent;
using Ivr.Asterisk.Ami;
using Ivr.Asterisk.IntegrationTests.Support;

namespace Ivr.Asterisk.IntegrationTests.Ami;

/// <summary>Needs a real Asterisk (scripts/asterisk start) and SIPp.</summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class AmiWithRealAsteriskTests
{
    [Fact]
    public async Task LoginToAsterisk22GivesItsBannerAndCoreSettings()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        Assert.StartsWith("Asterisk Call Manager/", ami.Banner);
        var settings = await ami.SendActionAsync(new AmiAction("CoreSettings"));
        Assert.True(settings.IsSuccess);
        Assert.StartsWith("22.", settings["AsteriskVersion"]);
        await ami.PingAsync();
    }

    [Fact]
    public async Task OriginateToASippPhoneAnswersWithOriginateResponseSuccessAndTheHangupIsSeen()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        var hangups = new ConcurrentQueue<AmiMessage>();
        await using var subscription = ami.Subscribe((e, _) =>
        {
            hangups.Enqueue(e);
            return ValueTask.CompletedTask;
        }, e => e.IsEvent("Hangup"));
        await using var phone = Sipp.Answer("uas-answer.xml");

        var result = await ami.OriginateAsync(new AmiAction("Originate")
            .Add("Channel", $"PJSIP/sipp/sip:doctor@127.0.0.1:{phone.Port}")
            .Add("Context", "ivr-test")
            .Add("Exten", "hold")
            .Add("Priority", "1")
            .Add("Timeout", "15000")
            .Add("CallerID", "\"Answering Service\" <5550100>"));

        Assert.True(result.Answered, $"OriginateResponse was {result.Event["Response"]} (reason {result.Reason}). SIPp said:\n{phone.Output}");
        Assert.Equal(4, result.Reason);
        await Eventually.UntilAsync(
            () => Task.FromResult(hangups.Any(h => h["Uniqueid"] == result.UniqueId || h["Channel"] == result.Channel)),
            TimeSpan.FromSeconds(20),
            "a Hangup event for the originated channel");

        Assert.Equal(0, await phone.WaitAsync(TimeSpan.FromSeconds(30)));
        await RealAsterisk.AssertNoChannelsLeftAsync(ami);
    }

    [Fact]
    public async Task ConfbridgeListRoomsWithNoConferenceEndsWithAnErrorNotATimeout()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        var list = await ami.SendListActionAsync(new AmiAction("ConfbridgeListRooms"));
        Assert.True(list.IsError);
        Assert.Equal("No active conferences.", list.Response["Message"]);
    }
}
