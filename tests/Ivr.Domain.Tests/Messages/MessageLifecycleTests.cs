using Ivr.Domain.Messages;

namespace Ivr.Domain.Tests.Messages;

public sealed class MessageLifecycleTests
{
    private static readonly DateTimeOffset Night = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EachTransitionMovesForwardAndRecordsWhoWhenAndHow()
    {
        var message = new MessageLifecycle(7, MessageStatus.Received);

        Assert.True(message.Dispatch("dispatcher", Night, "step 0: dr-1"));
        Assert.True(message.Deliver("dr-1", Night.AddMinutes(1), "heard on a voice page"));
        Assert.True(message.Acknowledge("dr-1", Night.AddMinutes(2), "pressed 1"));
        Assert.True(message.Resolve("dr-1", Night.AddMinutes(30), "called the patient back"));

        Assert.Equal(MessageStatus.Resolved, message.Status);
        Assert.Equal(MessageStatus.Received, message.Loaded);
        Assert.Equal(
            [
                new MessageTransition(MessageStatus.Received, MessageStatus.Dispatched, "dispatcher", Night, "step 0: dr-1"),
                new MessageTransition(MessageStatus.Dispatched, MessageStatus.Delivered, "dr-1", Night.AddMinutes(1), "heard on a voice page"),
                new MessageTransition(MessageStatus.Delivered, MessageStatus.Acknowledged, "dr-1", Night.AddMinutes(2), "pressed 1"),
                new MessageTransition(MessageStatus.Acknowledged, MessageStatus.Resolved, "dr-1", Night.AddMinutes(30), "called the patient back"),
            ],
            message.Changes);
    }

    [Fact]
    public void ARemarkKeepsTheStatusAndIsRefusedOnceSomeoneAcknowledged()
    {
        var message = new MessageLifecycle(7, MessageStatus.Delivered);

        Assert.True(message.Remark("dispatcher", Night, "routine message unacknowledged an hour after the morning report: escalated"));
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.False(Assert.Single(message.Changes).StopsDispatch);
        Assert.True(message.Acknowledge("admin", Night.AddMinutes(1), "portal"));
        Assert.False(message.Remark("dispatcher", Night.AddMinutes(2), "escalated"));

        Assert.Equal(
            [
                new MessageTransition(MessageStatus.Delivered, MessageStatus.Delivered, "dispatcher", Night, "routine message unacknowledged an hour after the morning report: escalated"),
                new MessageTransition(MessageStatus.Delivered, MessageStatus.Acknowledged, "admin", Night.AddMinutes(1), "portal"),
            ],
            message.Changes);
    }

    [Fact]
    public void TheFirstAcknowledgementWinsAndALaterOneIsRefused()
    {
        var message = new MessageLifecycle(7, MessageStatus.Dispatched);

        Assert.True(message.Acknowledge("dr-1", Night, "pressed 1"));
        Assert.False(message.Acknowledge("dr-2", Night.AddSeconds(5), "pressed 1 too"));

        var only = Assert.Single(message.Changes);
        Assert.Equal("dr-1", only.By);
        Assert.Equal(Night, only.At);
    }

    [Theory]
    [InlineData(MessageStatus.Dispatched, MessageStatus.Dispatched)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Dispatched)]
    [InlineData(MessageStatus.Acknowledged, MessageStatus.Delivered)]
    [InlineData(MessageStatus.Resolved, MessageStatus.Acknowledged)]
    [InlineData(MessageStatus.Resolved, MessageStatus.Resolved)]
    [InlineData(MessageStatus.Dispatched, MessageStatus.Received)]
    public void AMessageNeverMovesBackNorTwiceToTheSameStatus(MessageStatus stored, MessageStatus wanted)
    {
        var message = new MessageLifecycle(7, stored);

        Assert.False(message.Advance(wanted, "dr-2", Night, "late"));
        Assert.Equal(stored, message.Status);
        Assert.Empty(message.Changes);
    }

    [Fact]
    public void AMessageCanBeAcknowledgedOrResolvedWithoutHavingBeenDispatched()
    {
        var acknowledged = new MessageLifecycle(7, MessageStatus.Received);
        var resolved = new MessageLifecycle(8, MessageStatus.Received);

        Assert.True(acknowledged.Acknowledge("cli:alice", Night, "acknowledged from the command line"));
        Assert.True(resolved.Resolve("admin", Night, "patient contacted (portal)"));

        Assert.Equal(MessageStatus.Received, Assert.Single(resolved.Changes).From);
        Assert.True(resolved.Changes[0].StopsDispatch);
        Assert.True(acknowledged.Changes[0].StopsDispatch);
    }

    [Fact]
    public void DispatchAndDeliveryDoNotStopDispatch()
    {
        var message = new MessageLifecycle(7, MessageStatus.Received);

        message.Dispatch("dispatcher", Night, "morning report");
        message.Deliver("dispatcher", Night, "morning report emailed");

        Assert.All(message.Changes, change => Assert.False(change.StopsDispatch));
    }

    [Fact]
    public void ATransitionNeedsSomeoneWhoMadeIt()
    {
        var message = new MessageLifecycle(7, MessageStatus.Dispatched);

        Assert.Throws<ArgumentException>(() => message.Acknowledge(" ", Night, "pressed 1"));
        Assert.Equal(MessageStatus.Dispatched, message.Status);
    }

    [Fact]
    public void ANoteOnADeliveryOrOverTheLimitIsRefused()
    {
        var lifecycle = new MessageLifecycle(1, MessageStatus.Received);

        Assert.Throws<ArgumentException>(() => lifecycle.Advance(MessageStatus.Delivered, "dispatcher", Night, "heard", "a note"));
        Assert.Throws<ArgumentException>(() => lifecycle.Resolve("dr-lee", Night, "called", new string('x', MessageLifecycle.MaxNoteLength + 1)));
        Assert.Empty(lifecycle.Changes);
        Assert.True(lifecycle.Resolve("dr-lee", Night, "called", "   "));
        Assert.Null(lifecycle.Changes.Single().Note);
    }
}
