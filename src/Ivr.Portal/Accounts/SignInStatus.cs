namespace Ivr.Portal.Accounts;

/// <summary>How a sign-in went.</summary>
public enum SignInStatus
{
    Success,

    /// <summary>Unknown username or wrong password; the two are never told apart.</summary>
    Invalid,

    /// <summary>Too many wrong passwords: no password is checked until the lock runs out.</summary>
    LockedOut,
}
