namespace Ivr.Portal.Accounts;

/// <summary>The body of <c>POST /api/session</c>.</summary>
public sealed record SignInJson(string Username, string Password);

/// <summary>The body of <c>POST /api/session/second-factor</c>: an authenticator code or a recovery code.</summary>
public sealed record CodeJson(string? Code);
