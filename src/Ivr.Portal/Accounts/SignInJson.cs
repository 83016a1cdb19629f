namespace Ivr.Portal.Accounts;

/// <summary>The body of <c>POST /api/session</c>.</summary>
public sealed record SignInJson(string Username, string Password);
