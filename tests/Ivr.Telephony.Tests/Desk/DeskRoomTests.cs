using System.Threading.Channels;
using Ivr.Asterisk.Tests.Support;
using Ivr.Domain.Desk;

namespace Ivr.Telephony.Tests.Desk;

/// <summary>
/// Needs a temporary database, no Asterisk: the desk on a fake AMI server that answers every operator's phone. A caller's
/// flow reads its standing, then steps into its room a few FastAGI commands later; a kick the desk sends in between
/// finds nobody in the room. The desk then takes the caller out when their <c>ConfbridgeJoin</c> arrives, so no caller
/// is left alone in a room the operator has already left.
/// </summary>
public sealed class DeskRoomTests
{
    private const string Caller = "PJSIP/patient-00000001";

    [Fact]
    public async Task ACallerWhoEntersTheirRoomOnAStageTheDeskHasLeftIsTakenOutAndOneWhoEntersOnTheCurrentStageStays()
    {
        var kicked = Channel.CreateUnbounded<string>();
        await using var asterisk = Answering(kicked);
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller);
        await desk.AnswerAsync();
        Assert.Equal(DeskStage.WithOperator, desk.Service.Standing(desk.CallId).Stage);

        Assert.False(await desk.Service.EnteredRoomAsync(DeskUnderTest.Room, Caller));
        Assert.True((await desk.Service.ReleaseAsync("sam")).Done);
        // The answer's and the release's kicks, both sent before the caller was in the room.
        Assert.Equal([Caller, Caller], [await NextAsync(kicked), await NextAsync(kicked)]);

        // The flow read "with the operator" and was on its way into the room when the release's kick went out.
        Assert.False(await desk.Service.EnteredRoomAsync(DeskUnderTest.Room, "PJSIP/sam-00000002"));
        Assert.False(await desk.Service.EnteredRoomAsync("ivr-1764558000.99", Caller));
        Assert.True(await desk.Service.EnteredRoomAsync(DeskUnderTest.Room, Caller));
        Assert.Equal(Caller, await NextAsync(kicked));
        Assert.False(kicked.Reader.TryRead(out _));
        Assert.Equal(DeskUnderTest.Room, asterisk.ActionsNamed("ConfbridgeKick").Last()["Conference"]);

        // Taken out, the flow reads that the desk is done with it; entering again now is its own business.
        Assert.Equal(DeskStage.Done, desk.Service.Standing(desk.CallId).Stage);
        Assert.False(await desk.Service.EnteredRoomAsync(DeskUnderTest.Room, Caller));
    }

    [Fact]
    public async Task TheRoomWatcherTakesOutACallerWhoseJoinArrivesAfterTheReleaseOnAnyAsteriskItWatches()
    {
        var kicked = Channel.CreateUnbounded<string>();
        await using var asterisk = Answering(kicked);
        await using var desk = await DeskUnderTest.StartAsync(asterisk, Caller);
        await desk.AnswerAsync();
        Assert.Equal(DeskStage.WithOperator, desk.Service.Standing(desk.CallId).Stage);
        Assert.True((await desk.Service.ReleaseAsync("sam")).Done);
        // The answer's and the release's kicks, both sent before the caller was in the room.
        Assert.Equal([Caller, Caller], [await NextAsync(kicked), await NextAsync(kicked)]);

        await asterisk.BroadcastAsync($"Event: ConfbridgeJoin\r\nConference: {DeskUnderTest.Room}\r\nChannel: {Caller}\r\nAdmin: No\r\nMuted: No\r\n\r\n");

        Assert.Equal(Caller, await NextAsync(kicked));
    }

    /// <summary>A fake Asterisk whose operator phones all answer; every ConfbridgeKick's channel is written to <paramref name="kicked"/>.</summary>
    private static FakeAmiServer Answering(Channel<string> kicked)
    {
        var server = FakeAmiServer.Start();
        server.OnAction = (action, _) =>
        {
            var id = action.ActionId;
            if (action.Name.Equals("ConfbridgeKick", StringComparison.OrdinalIgnoreCase))
            {
                kicked.Writer.TryWrite(action["Channel"] ?? string.Empty);
            }

            return action.Name.Equals("Originate", StringComparison.OrdinalIgnoreCase)
                ? $"Response: Success\r\nActionID: {id}\r\nMessage: Originate successfully queued\r\n\r\n"
                    + $"Event: OriginateResponse\r\nActionID: {id}\r\nResponse: Success\r\nChannel: {action["Channel"]}\r\nReason: 4\r\nUniqueid: 1764558000.30\r\n\r\n"
                : $"Response: Success\r\nActionID: {id}\r\n\r\n";
        };
        return server;
    }

    /// <summary>The next kick's channel; the bound only keeps a broken desk from hanging the run.</summary>
    private static Task<string> NextAsync(Channel<string> kicked) => kicked.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
