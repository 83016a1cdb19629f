namespace Ivr.Portal.Settings;

/// <summary>What came of a settings change.</summary>
public enum SettingsStatus
{
    /// <summary>Saved as a new revision.</summary>
    Done,

    /// <summary>The form holds the settings as they are; no revision was written.</summary>
    Unchanged,

    NotFound,

    /// <summary>The user may not change this practice's settings (a 403, audited).</summary>
    Denied,

    /// <summary>Something typed breaks a rule (see <see cref="SettingsOutcome.Errors"/>); nothing was stored.</summary>
    Invalid,

    /// <summary>Someone saved the practice after the form was loaded; nothing was stored.</summary>
    Stale,

    /// <summary>The new greeting could not be made into audio; nothing was stored.</summary>
    GreetingFailed,
}
