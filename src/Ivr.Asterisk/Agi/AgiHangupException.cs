namespace Ivr.Asterisk.Agi;

/// <summary>
/// The caller hung up. It derives from <see cref="OperationCanceledException"/> so that a call
/// flow unwinds through it as it would through any cancellation, while the type says why.
/// </summary>
public sealed class AgiHangupException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public AgiHangupException(string command, CancellationToken hangupToken)
        : base($"The channel hung up (during or before '{command}').", hangupToken)
    {
        Command = command;
    }

    /// <summary>The verb of the command that met the hangup.</summary>
    public string Command { get; }
}
