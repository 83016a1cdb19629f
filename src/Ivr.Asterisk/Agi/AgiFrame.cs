namespace Ivr.Asterisk.Agi;

/// <summary>One unit of what Asterisk sends during the command dialogue.</summary>
public abstract record AgiFrame
{
    private AgiFrame()
    {
    }

    /// <summary>A complete reply to the command in flight.</summary>
    public sealed record Reply(AgiReply Value) : AgiFrame;

    /// <summary>The out-of-band <c>HANGUP</c> notice: the channel hung up. Not a reply.</summary>
    public sealed record Hangup : AgiFrame;

    /// <summary>An interim <c>100</c> line (GOSUB's "Trying..."); the real reply follows.</summary>
    public sealed record Interim(string Line) : AgiFrame;
}
