namespace Ivr.Portal.Desk;

/// <summary>The body of <c>POST /api/desk/transfer</c>: <c>nurse</c> or <c>office</c>.</summary>
public sealed record DeskTransferJson(string? Target);
