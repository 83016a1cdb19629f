namespace Ivr.Portal.Settings;

/// <summary>One setting as it was before a revision and after it, both in words.</summary>
public sealed record SettingChange(string Setting, string Before, string After)
{
    /// <summary>Absent before or after (a holiday added, a closure removed).</summary>
    public const string None = "—";

    /// <summary><c>Escalation: repeat every 300 s × 3 → repeat every 120 s × 4</c>.</summary>
    public string Text => $"{Setting}: {Before} → {After}";
}
