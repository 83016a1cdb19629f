namespace Ivr.Domain.Outbound;

/// <summary>
/// Where a reschedule campaign's open times come from when a patient asks for a new one: by default the times staff
/// typed into the campaign (<see cref="CampaignStoreSlots"/>); a practice whose EHR books (level Book, docs/ehr.md) may
/// have them read from its free Slots instead.
/// </summary>
public interface ICampaignSlotSource
{
    /// <summary>The campaign's open slots now, in any order; the flow picks and orders the ones it offers.</summary>
    Task<IReadOnlyList<CampaignSlot>> OpenSlotsAsync(Campaign campaign, CancellationToken cancellationToken);
}

/// <summary>The campaign's own typed slots, as the store keeps them.</summary>
public sealed class CampaignStoreSlots(ICampaignStore store) : ICampaignSlotSource
{
    public Task<IReadOnlyList<CampaignSlot>> OpenSlotsAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return store.OpenSlotsAsync(campaign.Id, cancellationToken);
    }
}
