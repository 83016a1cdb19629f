namespace Ivr.Domain.Outbound;

/// <summary>An open appointment time a reschedule campaign offers, on the practice's clock; <see cref="TakenBy"/> is the patient who took it.</summary>
public sealed record CampaignSlot(long Id, long CampaignId, DateTime StartsAt, string? Clinician, long? TakenBy);
