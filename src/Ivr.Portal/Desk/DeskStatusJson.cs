namespace Ivr.Portal.Desk;

/// <summary>The body of <c>POST /api/desk/status</c>: <c>available</c>, <c>on-break</c> (with a reason), <c>wrap-up</c> or <c>signed-out</c>.</summary>
public sealed record DeskStatusJson(string? Status, string? Reason);
