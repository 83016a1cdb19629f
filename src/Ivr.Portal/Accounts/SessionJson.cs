namespace Ivr.Portal.Accounts;

/// <summary>Who is signed in, and the token their API calls that change something must carry.</summary>
public sealed record SessionJson(string Username, string Role, string? PracticeId, string? ClinicianId, string AntiforgeryHeader, string? AntiforgeryToken);
