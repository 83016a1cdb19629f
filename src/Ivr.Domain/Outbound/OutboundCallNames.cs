namespace Ivr.Domain.Outbound;

/// <summary>What a campaign's call says for a practice that is no longer in the service (its file removed mid-campaign).</summary>
public static class OutboundCallNames
{
    public const string UnknownPractice = "your doctor's office";
}
