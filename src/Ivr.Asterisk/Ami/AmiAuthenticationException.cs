namespace Ivr.Asterisk.Ami;

/// <summary>Asterisk refused the login.</summary>
public sealed class AmiAuthenticationException : AmiException
{
    /// <summary>Creates the exception.</summary>
    public AmiAuthenticationException(string message) : base(message)
    {
    }
}
