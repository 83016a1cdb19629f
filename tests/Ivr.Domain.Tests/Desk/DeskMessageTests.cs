using Ivr.Domain.Desk;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Tests.Desk;

/// <summary>Needs nothing: the message an operator's form makes, and how its arrival is recorded.</summary>
public sealed class DeskMessageTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 3, 15, 0, TimeSpan.Zero);

    [Fact]
    public void TheFormMakesATypedMessageWithTheNumberAsDigitsTheChosenUrgencyAndNoRecordings()
    {
        var form = DeskFormRulesTests.Valid with { CallerName = "  Maria Gomez ", Notes = "  Gave Tylenol at 8 pm.\n" };

        var message = DeskMessage.Of(form, 41, "riverside", "5551230000", "sam", At);

        Assert.Equal(41, message.CallId);
        Assert.Equal("riverside", message.PracticeId);
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.Equal(MessageStatus.Received, message.Status);
        Assert.Equal(0, message.Id);
        Assert.Equal("5559876543", message.CallbackNumber);
        Assert.Equal("5551230000", message.CallerId);
        Assert.Null(message.NameRecording);
        Assert.Null(message.MessageRecording);
        Assert.Equal(0, message.MessageSeconds);
        Assert.False(message.Partial);
        Assert.Null(message.UrgencyReason);
        Assert.Equal(At, message.ReceivedAt);
        Assert.Equal(new TypedMessage("Maria Gomez", "Ava Gomez", new DateOnly(2021, 3, 4), "Fever of 103 since the afternoon", "Gave Tylenol at 8 pm.", "sam"), message.Typed);
    }

    [Fact]
    public void ARoutineFormMakesARoutineMessageAndAWithheldCallerIdStaysNull()
    {
        var message = DeskMessage.Of(DeskFormRulesTests.Valid with { Urgency = Urgency.Routine, Notes = "" }, 41, "riverside", " ", "sam", At);

        Assert.Equal(Urgency.Routine, message.Urgency);
        Assert.Null(message.CallerId);
        Assert.Equal(string.Empty, message.Typed!.Notes);
    }

    [Fact]
    public void ItsArrivalIsByTheOperatorAndItIsQueuedForDispatchAtOnce()
    {
        var received = ReceivedMessage.Of(DeskMessage.Of(DeskFormRulesTests.Valid, 41, "riverside", null, "sam", At));

        Assert.Equal(new MessageTransition(null, MessageStatus.Received, "sam", At, "message typed by operator sam"), received.Arrival);
        Assert.Equal(new DispatchJob(DispatchState.New, At), received.Dispatch);
    }

    [Fact]
    public void AFormThatDoesNotPassTheRulesMakesNoMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => DeskMessage.Of(DeskFormRulesTests.Valid with { CallbackReadBack = false, PatientName = "" }, 41, "riverside", null, "sam", At));

        Assert.Contains("callbackReadBack", error.Message, StringComparison.Ordinal);
        Assert.Contains("patientName", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DeskMessage.Of(DeskFormRulesTests.Valid, 41, "riverside", null, " ", At));
    }

    [Fact]
    public void ABirthTodayInAZoneAheadOfUtcIsNotRefused()
    {
        // 03:15 UTC on 2 December is already the afternoon of 2 December in Auckland; at 23:30 UTC on the 1st it is the 2nd there too.
        var message = DeskMessage.Of(DeskFormRulesTests.Valid with { DateOfBirth = "2026-12-02" }, 41, "auckland", null, "sam", new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 12, 2), message.Typed!.DateOfBirth);
    }
}
