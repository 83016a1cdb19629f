namespace Ivr.Asterisk.Ami;

/// <summary>The peer sent something that is not AMI.</summary>
public sealed class AmiProtocolException : AmiException
{
    /// <summary>Creates the exception.</summary>
    public AmiProtocolException(string message) : base(message)
    {
    }
}
