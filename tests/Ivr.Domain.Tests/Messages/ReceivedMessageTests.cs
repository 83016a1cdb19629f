using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Tests.Messages;

public sealed class ReceivedMessageTests
{
    private static readonly DateTimeOffset Night = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ASavedMessageIsQueuedForDispatchAtOnceAndItsHistoryStartsWithTheCaller()
    {
        var received = ReceivedMessage.Of(Message(partial: false));

        Assert.Equal(new DispatchJob(DispatchState.New, Night), received.Dispatch);
        Assert.Equal(new MessageTransition(null, MessageStatus.Received, "caller", Night, "message taken"), received.Arrival);
    }

    [Fact]
    public void APartialMessageSaysTheCallerHungUp()
    {
        var received = ReceivedMessage.Of(Message(partial: true));

        Assert.Equal("partial message: the caller hung up", received.Arrival.Detail);
    }

    [Fact]
    public void OnlyANewMessageCanBeReceived()
    {
        Assert.Throws<ArgumentException>(() => ReceivedMessage.Of(Message(partial: false) with { Status = MessageStatus.Acknowledged }));
        Assert.Throws<ArgumentException>(() => ReceivedMessage.Of(Message(partial: false) with { Id = 3 }));
    }

    private static PatientMessage Message(bool partial) =>
        new() { CallId = 1, PracticeId = "riverside", Urgency = Urgency.Urgent, Partial = partial, ReceivedAt = Night };
}
