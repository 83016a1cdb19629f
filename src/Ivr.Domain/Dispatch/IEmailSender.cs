namespace Ivr.Domain.Dispatch;

/// <summary>Sends a <see cref="Notice"/> by email. Never throws for a delivery failure: the result says it.</summary>
public interface IEmailSender
{
    Task<DeliveryResult> SendAsync(string address, Notice notice, CancellationToken cancellationToken = default);
}
