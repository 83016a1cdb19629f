namespace Ivr.Portal.Desk;

/// <summary>The body of <c>POST /api/desk/seen</c>: the call whose card the desk page now shows.</summary>
public sealed record DeskSeenJson(string? CallId);
