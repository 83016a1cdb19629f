namespace Ivr.Domain.Desk;

/// <summary>
/// One operator at the desk. Their status changes only through the desk's rules (<see cref="DeskQueue"/>);
/// <see cref="IdleSince"/> is when they last became free, so the longest idle is offered the next call.
/// </summary>
public sealed class DeskOperator(string name)
{
    public string Name { get; } = name;

    public OperatorStatus Status { get; internal set; } = OperatorStatus.SignedOut;

    /// <summary>The line they work (operators or nurses), set each time they become available.</summary>
    public DeskLine Line { get; internal set; } = DeskLine.Operators;

    /// <summary>Why they are on break or paused, shown on their screen; null otherwise.</summary>
    public string? Reason { get; internal set; }

    /// <summary>When they last became available; the longest idle is offered first.</summary>
    public DateTimeOffset IdleSince { get; internal set; }

    /// <summary>The call offered to them or that they are on; null otherwise.</summary>
    public string? CallId { get; internal set; }

    /// <summary>When the current offer started ringing their phone.</summary>
    public DateTimeOffset? OfferedAt { get; internal set; }
}
