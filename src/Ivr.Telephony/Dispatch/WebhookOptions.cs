namespace Ivr.Telephony.Dispatch;

/// <summary>How webhooks are signed and posted (section <c>Notifications:Webhook</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// The HMAC-SHA256 key every webhook is signed with, shared with the receivers (see
    /// <see cref="WebhookSignature"/>). Default empty: webhooks are disabled and every post fails as not configured.
    /// Set it from the environment (<c>Notifications__Webhook__Secret</c>), never in a committed file.
    /// </summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>How long one post may take. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the values; throws naming the first bad one.</summary>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Notifications:Webhook:Timeout must be positive.");
        }
    }
}
