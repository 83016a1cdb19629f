namespace Ivr.Portal.Accounts;

/// <summary>The body of <c>POST /api/session/password</c>.</summary>
public sealed record PasswordChangeJson(string? CurrentPassword, string? NewPassword);
