using Ivr.Domain.Desk;

namespace Ivr.Portal.Live;

/// <summary>A caller waiting for an operator or a nurse (<see cref="Line"/>); <see cref="OfferedTo"/> is the one whose phone rings with them.</summary>
public sealed record LiveDeskCaller(string CallId, string PracticeId, string PracticeName, DeskPriority Priority, DateTimeOffset QueuedAt, string? OfferedTo, DeskLine Line = DeskLine.Operators);
