using Ivr.Domain.Desk;

namespace Ivr.Portal.Live;

/// <summary>An operator or nurse (<see cref="Line"/>) in the live view: status, why (a break's or a pause's reason), since when, and their call (when the viewer may see its practice).</summary>
public sealed record LiveDeskOperator(string Operator, OperatorStatus Status, string? Reason, DateTimeOffset Since, string? CallId, string? PracticeId, string? PracticeName, DeskLine Line = DeskLine.Operators);
