using Ivr.Domain.Flow;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Tests.Support;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>Needs nothing: how the caller's wait in their room ends, over a scripted FastAGI session.</summary>
public sealed class CallerRoomTests
{
    [Fact]
    public async Task ACallerWhoHangsUpAsConfBridgeStartsIsAHangupEvenWhenConfBridgeSaysFailed()
    {
        // Asterisk ends ConfBridge with FAILED and sends the HANGUP notice with the variable's reply.
        await using var agi = new ScriptedAgi("incoming", line => line.Contains("CONFBRIDGE_RESULT", StringComparison.Ordinal) ? "HANGUP\n200 result=1 (FAILED)" : null);
        var caller = new AgiCallerChannel(agi.Channel, new RecordingOptions(), new ConferenceOptions());

        await Assert.ThrowsAsync<CallerHungUpException>(() => caller.WaitInRoomAsync("ivr-1700000000.77", TimeSpan.FromSeconds(30), CancellationToken.None));
    }

    [Fact]
    public async Task AConfBridgeThatFailsWithTheCallerStillThereIsAnErrorSaidInWords()
    {
        await using var agi = new ScriptedAgi("incoming", line => line.Contains("CONFBRIDGE_RESULT", StringComparison.Ordinal) ? "200 result=1 (FAILED)" : null);
        var caller = new AgiCallerChannel(agi.Channel, new RecordingOptions(), new ConferenceOptions());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => caller.WaitInRoomAsync("ivr-1700000000.77", TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Equal("The caller could not wait in their room: ConfBridge ended with FAILED.", failure.Message);
    }

    [Theory]
    [InlineData("TIMEOUT", RoomExit.TimedOut)]
    [InlineData("KICKED", RoomExit.Removed)]
    [InlineData("ENDMARKED", RoomExit.Emptied)]
    public async Task ConfBridgesResultSaysHowTheWaitEnded(string result, RoomExit exit)
    {
        await using var agi = new ScriptedAgi("incoming", line => line.Contains("CONFBRIDGE_RESULT", StringComparison.Ordinal) ? $"200 result=1 ({result})" : null);
        var caller = new AgiCallerChannel(agi.Channel, new RecordingOptions(), new ConferenceOptions());

        Assert.Equal(exit, await caller.WaitInRoomAsync("ivr-1700000000.77", TimeSpan.FromSeconds(30), CancellationToken.None));
    }
}
