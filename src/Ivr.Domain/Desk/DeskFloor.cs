namespace Ivr.Domain.Desk;

/// <summary>The supervisor's view of the desk at one moment.</summary>
/// <param name="Waiting">Callers waiting, in the desk's order (urgent first, then longest waiting).</param>
/// <param name="Operators">Everyone at the desk (not signed out), by name.</param>
/// <param name="At">When it was taken.</param>
/// <param name="Version">Goes up with every change on the desk.</param>
/// <param name="ElsewhereWaiting">Callers waiting at other service processes' desks, as the shared queue said at its last round (no practice, no patient data).</param>
/// <param name="ElsewhereLongestSince">When the longest-waiting of them first joined a queue; null when none waits elsewhere.</param>
public sealed record DeskFloor(IReadOnlyList<DeskWaiting> Waiting, IReadOnlyList<DeskOperatorState> Operators, DateTimeOffset At, long Version, int ElsewhereWaiting = 0, DateTimeOffset? ElsewhereLongestSince = null);

/// <summary>A caller waiting for an operator or a nurse (<c>Line</c>); <c>OfferedTo</c> is the one whose phone rings with them, if any.</summary>
public sealed record DeskWaiting(string CallId, string PracticeId, DeskPriority Priority, DateTimeOffset QueuedAt, string? OfferedTo, DeskLine Line = DeskLine.Operators);

/// <summary>One operator or nurse on the floor: status, since when, their call, and the line they work.</summary>
public sealed record DeskOperatorState(string Operator, OperatorStatus Status, string? Reason, DateTimeOffset Since, string? CallId, string? PracticeId, DeskLine Line = DeskLine.Operators);
