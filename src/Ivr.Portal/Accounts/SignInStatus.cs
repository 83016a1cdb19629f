namespace Ivr.Portal.Accounts;

/// <summary>How a sign-in went.</summary>
public enum SignInStatus
{
    Success,

    /// <summary>
    /// Unknown username, wrong password, disabled account or a try inside the delay after wrong
    /// passwords: never told apart, so the answer tells an attacker nothing about the account.
    /// </summary>
    Invalid,
}
