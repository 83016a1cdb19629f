using Ivr.Domain.Desk;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Simulation;

namespace Ivr.Domain.Tests.Desk;

/// <summary>Needs nothing: the summary a patched call leaves for the clinician who took it, how its arrival is recorded, and one per call.</summary>
public sealed class DeskSummaryTests
{
    private static readonly DateTimeOffset CameIn = new(2026, 12, 2, 3, 10, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Joined = CameIn.AddMinutes(2);
    private static readonly DateTimeOffset At = Joined.AddMinutes(7);

    private static readonly PatchSummary Summary = new(" dr-lee ", " sam ", CameIn, Joined, TimeSpan.FromMinutes(6.5), 12, "Fever of 103 since noon");

    [Fact]
    public void TheSummaryIsARoutineMessageForTheClinicianWithTheCallersNumberAndNothingRecordedOrTyped()
    {
        var message = DeskSummary.Of(41, "riverside", "5551230000", Summary, At);

        Assert.Equal(41, message.CallId);
        Assert.Equal("riverside", message.PracticeId);
        Assert.Equal(Urgency.Routine, message.Urgency);
        Assert.Equal(MessageStatus.Received, message.Status);
        Assert.Equal("5551230000", message.CallerId);
        Assert.Null(message.CallbackNumber);
        Assert.Null(message.MessageRecording);
        Assert.Null(message.Typed);
        Assert.Equal(At, message.ReceivedAt);
        Assert.Equal(new PatchSummary("dr-lee", "sam", CameIn, Joined, TimeSpan.FromMinutes(6.5), 12, "Fever of 103 since noon"), message.Summary);
    }

    [Fact]
    public void AWithheldNumberStaysNullAndACallWithoutATypedMessageNamesNone()
    {
        var message = DeskSummary.Of(41, "riverside", " ", Summary with { TypedMessageId = null, TypedReason = null }, At);

        Assert.Null(message.CallerId);
        Assert.Null(message.Summary!.TypedMessageId);
        Assert.Null(message.Summary.TypedReason);
    }

    [Fact]
    public void ItsArrivalIsByThePatchingOperatorNamesTheClinicianAndItIsQueuedForDispatchAtOnce()
    {
        var received = ReceivedMessage.Of(DeskSummary.Of(41, "riverside", null, Summary, At));

        Assert.Equal(new MessageTransition(null, MessageStatus.Received, "sam", At, "summary of the call operator sam patched to clinician dr-lee, for them"), received.Arrival);
        Assert.Equal(new DispatchJob(DispatchState.New, At), received.Dispatch);
    }

    [Theory]
    [InlineData("", "sam", 0, 60, 12L, null)]
    [InlineData("dr-lee", " ", 0, 60, 12L, null)]
    [InlineData("dr-lee", "sam", -1, 60, 12L, null)]
    [InlineData("dr-lee", "sam", 0, -1, 12L, null)]
    [InlineData("dr-lee", "sam", 0, 60, null, "a reason without its message")]
    public void ASummaryThatCannotBeTrueIsRefused(string clinician, string operatorName, int joinedMinutesAfterCameIn, int secondsOnCall, long? typedId, string? reason)
    {
        var summary = new PatchSummary(clinician, operatorName, CameIn, CameIn.AddMinutes(joinedMinutesAfterCameIn), TimeSpan.FromSeconds(secondsOnCall), typedId, reason);

        Assert.ThrowsAny<ArgumentException>(() => DeskSummary.Of(41, "riverside", null, summary, At));
    }

    [Fact]
    public void AMessageCannotBeBothTypedAndASummary()
    {
        var message = DeskSummary.Of(41, "riverside", null, Summary, At) with { Typed = new TypedMessage("Maria", "Ava", new DateOnly(2021, 3, 4), "fever", "", "sam") };

        Assert.Throws<ArgumentException>(() => ReceivedMessage.Of(message));
    }

    [Fact]
    public async Task OneSummaryPerCallWhateverTheTypedMessageOfTheSameCall()
    {
        var store = new InMemoryMessageStore();
        var typed = await store.SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(DeskFormRulesTests.Valid, 41, "riverside", null, "sam", CameIn)));

        var first = await store.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(41, "riverside", null, Summary, At)));
        var again = await store.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(41, "riverside", null, Summary with { OperatorName = "kim" }, At.AddSeconds(1))));
        var otherCall = await store.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(42, "riverside", null, Summary, At)));

        Assert.True(typed.Created);
        Assert.True(first.Created);
        Assert.NotEqual(typed.Id, first.Id);
        Assert.Equal((first.Id, false), again);
        Assert.True(otherCall.Created);
        Assert.Equal("sam", (await store.GetAsync(first.Id))!.Summary!.OperatorName);
        Assert.Equal([first.Id, otherCall.Id], (await store.InboxAsync(new InboxQuery("riverside", PagedTo: "dr-lee"))).Select(m => m.Id).Order());
    }
}
