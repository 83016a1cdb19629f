namespace Ivr.Domain.Accounts;

/// <summary>What a user whose password was right must do before they are signed in.</summary>
public enum SecondFactorStep
{
    /// <summary>Nothing: no factor enrolled and the role does not require one.</summary>
    None,

    /// <summary>Prove a factor they have enrolled: a passkey, an authenticator code or a recovery code.</summary>
    Verify,

    /// <summary>Their role requires a factor and they have none: enrol one, and nothing else, first.</summary>
    Enrol,
}
