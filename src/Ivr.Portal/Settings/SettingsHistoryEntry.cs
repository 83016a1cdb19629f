namespace Ivr.Portal.Settings;

/// <summary>One revision of a practice: who saved it, when, and each setting it changed from the one before (none for the first).</summary>
public sealed record SettingsHistoryEntry(int Revision, DateTimeOffset SavedAt, string SavedBy, IReadOnlyList<SettingChange> Changes)
{
    public bool First => Revision == 1;
}
