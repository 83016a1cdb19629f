namespace Ivr.Domain.Desk;

/// <summary>A caller in the desk's queue: which call, for which practice, how urgent, since when; and the operator their call is offered to, if any.</summary>
public sealed class WaitingCaller(string callId, string practiceId, DeskPriority priority, DateTimeOffset joinedAt)
{
    public string CallId { get; } = callId;

    public string PracticeId { get; } = practiceId;

    public DeskPriority Priority { get; internal set; } = priority;

    public DateTimeOffset JoinedAt { get; } = joinedAt;

    /// <summary>The line they wait on: offered only to the people working it.</summary>
    public DeskLine Line { get; init; } = DeskLine.Operators;

    /// <summary>The operator whose phone rings with this caller; null while they wait for one.</summary>
    public string? OfferedTo { get; internal set; }
}
