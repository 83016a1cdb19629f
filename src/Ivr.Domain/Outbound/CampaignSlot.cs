namespace Ivr.Domain.Outbound;

/// <summary>
/// An open appointment time a reschedule campaign offers, on the practice's clock; <see cref="TakenBy"/> is the patient who
/// took it. <see cref="EhrSlotId"/> is the EHR's Slot it mirrors when the practice's EHR books (docs/ehr.md), null for a
/// time staff typed into the campaign.
/// </summary>
public sealed record CampaignSlot(long Id, long CampaignId, DateTime StartsAt, string? Clinician, long? TakenBy, string? EhrSlotId = null);
