namespace Ivr.Telephony.Dispatch;

/// <summary>
/// How notices reach clinicians and practices (section <c>Notifications</c>). Notices say only that
/// messages wait and where to get them; the portal and the answering service hold the messages.
/// </summary>
public sealed class NotificationOptions
{
    /// <summary>
    /// Where clinicians sign in; a message's link is this plus <c>/messages/{id}</c>.
    /// Default <c>https://127.0.0.1:5443</c>.
    /// </summary>
    public string PortalUrl { get; set; } = "https://127.0.0.1:5443";

    /// <summary>
    /// A number clinicians can call to hear their messages, named in urgent notices when set.
    /// Default empty: the text then asks them to call the answering service without a number.
    /// </summary>
    public string AnsweringServicePhone { get; set; } = string.Empty;

    /// <summary>The mail server notices are sent through. Default: a local relay on 127.0.0.1:25.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How practices' webhooks are signed and posted. Default: no secret, so webhooks are off.</summary>
    public WebhookOptions Webhook { get; set; } = new();

    /// <summary>Checks the values; throws naming the first bad one.</summary>
    public void Validate()
    {
        if (!Uri.TryCreate(PortalUrl, UriKind.Absolute, out var portal) || (portal.Scheme != Uri.UriSchemeHttps && portal.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"Notifications:PortalUrl '{PortalUrl}' is not an absolute http(s) URL.");
        }

        Smtp.Validate();
        Webhook.Validate();
    }
}
