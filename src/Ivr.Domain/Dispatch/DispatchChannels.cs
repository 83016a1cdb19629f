namespace Ivr.Domain.Dispatch;

/// <summary>The ways a message is dispatched, as attempts record them.</summary>
public static class DispatchChannels
{
    public const string Voice = "voice";
    public const string Email = "email";
    public const string Webhook = "webhook";
}
