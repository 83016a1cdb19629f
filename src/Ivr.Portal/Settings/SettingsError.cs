namespace Ivr.Portal.Settings;

/// <summary>What is wrong with one field of a settings change (<c>hours.monday</c>, <c>escalation.attempts</c>, <c>holidays.1</c>, …), in words.</summary>
public sealed record SettingsError(string Field, string Message);
