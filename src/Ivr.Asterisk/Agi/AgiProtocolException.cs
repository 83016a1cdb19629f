namespace Ivr.Asterisk.Agi;

/// <summary>Asterisk sent something the AGI grammar does not allow; the session cannot continue safely.</summary>
public sealed class AgiProtocolException : AgiException
{
    /// <summary>Creates the exception.</summary>
    public AgiProtocolException(string message) : base(message)
    {
    }
}
