namespace Ivr.Domain.Dispatch;

/// <summary>Posts a <see cref="Notice"/> to a practice's webhook, signed. Never throws for a delivery failure: the result says it.</summary>
public interface IWebhookSender
{
    Task<DeliveryResult> SendAsync(string url, Notice notice, CancellationToken cancellationToken = default);
}
