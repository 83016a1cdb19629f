namespace Ivr.Domain.Desk;

/// <summary>An operator's status changed to <paramref name="Status"/> at <paramref name="At"/> (see <see cref="IDeskLog.OperatorStatusAsync"/>).</summary>
public sealed record OperatorStatusChange(string Operator, OperatorStatus Status, DateTimeOffset At);
