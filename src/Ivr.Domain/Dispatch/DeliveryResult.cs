namespace Ivr.Domain.Dispatch;

/// <summary>What became of one notification attempt: accepted by the far end or not, and why.</summary>
public sealed record DeliveryResult(bool Accepted, string Detail)
{
    public static DeliveryResult Ok(string detail) => new(true, detail);

    public static DeliveryResult Failed(string detail) => new(false, detail);
}
