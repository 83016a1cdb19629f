namespace Ivr.Asterisk.Ami;

/// <summary>
/// The connection dropped while the action was pending. The action may or may not have run;
/// it is never sent again by the client (an Originate must not ring a phone twice).
/// </summary>
public sealed class AmiConnectionLostException : AmiException
{
    /// <summary>Creates the exception.</summary>
    public AmiConnectionLostException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
