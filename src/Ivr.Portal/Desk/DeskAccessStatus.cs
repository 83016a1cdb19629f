namespace Ivr.Portal.Desk;

/// <summary>Whether a user may reach the operator desk here.</summary>
public enum DeskAccessStatus
{
    /// <summary>They work the desk and it runs in this process.</summary>
    Open,

    /// <summary>Their role does not work the desk (a 403, audited).</summary>
    Denied,

    /// <summary>This host has no desk (a portal without telephony): a 503.</summary>
    NotRunning,
}
