namespace Ivr.Portal.Settings;

/// <summary>The outcome of a settings change: the new revision and what changed when done, why not otherwise.</summary>
public sealed record SettingsOutcome(SettingsStatus Status, int? Revision = null, IReadOnlyList<SettingChange>? Changes = null, IReadOnlyList<SettingsError>? Errors = null)
{
    public IReadOnlyList<SettingsError> ErrorList => Errors ?? [];
}
