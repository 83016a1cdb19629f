namespace Ivr.Domain.Desk;

/// <summary>The desk decided to ring <paramref name="Operator"/> with the caller of <paramref name="CallId"/>.</summary>
public sealed record DeskOffer(string CallId, string PracticeId, string Operator, DateTimeOffset At);
