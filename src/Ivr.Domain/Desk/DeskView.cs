namespace Ivr.Domain.Desk;

/// <summary>What one operator sees at the desk.</summary>
/// <param name="Operator">Their username.</param>
/// <param name="Status">Where they stand.</param>
/// <param name="Reason">Why they are on break or paused (shown to them); null otherwise.</param>
/// <param name="HasPhone">False until a phone is set for them: they cannot be made available.</param>
/// <param name="Call">The call offered to them or that they are on; null otherwise.</param>
/// <param name="Version">Goes up with every change on the desk.</param>
public sealed record DeskView(string Operator, OperatorStatus Status, string? Reason, bool HasPhone, DeskCall? Call, long Version);
