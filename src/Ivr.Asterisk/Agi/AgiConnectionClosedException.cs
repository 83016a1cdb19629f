namespace Ivr.Asterisk.Agi;

/// <summary>The FastAGI connection closed or broke; no further command can be sent.</summary>
public sealed class AgiConnectionClosedException : AgiException
{
    /// <summary>Creates the exception.</summary>
    public AgiConnectionClosedException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
