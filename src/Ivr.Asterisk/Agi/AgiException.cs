namespace Ivr.Asterisk.Agi;

/// <summary>Base of every error the FastAGI layer raises.</summary>
public abstract class AgiException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected AgiException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
