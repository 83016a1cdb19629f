namespace Ivr.Asterisk.Ami;

/// <summary>Base of every error the AMI client raises.</summary>
public abstract class AmiException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected AmiException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
