namespace Ivr.Asterisk.Ami;

/// <summary>The client is not connected and logged in right now (it may be reconnecting); nothing was sent.</summary>
public sealed class AmiNotConnectedException : AmiException
{
    /// <summary>Creates the exception.</summary>
    public AmiNotConnectedException(string message) : base(message)
    {
    }
}
