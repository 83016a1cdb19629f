namespace Ivr.Asterisk.Agi;

/// <summary>Asterisk refused or failed a command (510, 520, or a failure result such as a missing sound file).</summary>
public sealed class AgiCommandException : AgiException
{
    /// <summary>Creates the exception.</summary>
    public AgiCommandException(string command, AgiReply reply, string reason)
        : base($"AGI command '{command}' failed: {reason} ({AgiReplyParser.Truncate(reply.ToString())})")
    {
        Command = command;
        Reply = reply;
    }

    /// <summary>The verb of the failed command.</summary>
    public string Command { get; }

    /// <summary>Asterisk's reply.</summary>
    public AgiReply Reply { get; }
}
