namespace Ivr.Domain.Outbound;

/// <summary>
/// Where a reschedule campaign's open times come from when a patient asks for a new one, and where a chosen one is
/// booked: by default the times staff typed into the campaign (<see cref="CampaignStoreSlots"/>); a practice whose EHR
/// books (level Book, docs/ehr.md) has them read from its free Slots and booked there (<see cref="EhrCampaignSlots"/>).
/// </summary>
public interface ICampaignSlotSource
{
    /// <summary>The campaign's open slots now, in any order; the flow picks and orders the ones it offers.</summary>
    Task<IReadOnlyList<CampaignSlot>> OpenSlotsAsync(Campaign campaign, CancellationToken cancellationToken);

    /// <summary>
    /// Books <paramref name="slot"/>, which the store has just given <paramref name="patient"/> (<see cref="ICampaignStore.TakeSlotAsync"/>),
    /// where the slot lives. A typed slot needs nothing more.
    /// </summary>
    Task<SlotBooking> BookAsync(Campaign campaign, CampaignPatientRecord patient, CampaignSlot slot, CancellationToken cancellationToken);
}

/// <summary>What became of a chosen slot where it lives.</summary>
/// <param name="Outcome">Booked, taken by someone else meanwhile, or not bookable now.</param>
/// <param name="Detail">For the attempt's record: the EHR's Appointment, or why not (no patient data).</param>
public sealed record SlotBooking(SlotBookingOutcome Outcome, string Detail)
{
    public static SlotBooking Kept { get; } = new(SlotBookingOutcome.Booked, "a time the campaign offers");

    /// <summary>Another patient of the campaign took it first (the store's atomic take); nothing was asked of the EHR.</summary>
    public static SlotBooking TakenFirst { get; } = new(SlotBookingOutcome.Taken, "another patient took it first");

    /// <summary>
    /// The one way a patient gets a slot, by telephone or email link: taken atomically in the store, then booked where it
    /// lives (<see cref="ICampaignSlotSource.BookAsync"/>), and given back when it cannot be booked there, so a time is
    /// never held only on our side. <see cref="TakenFirst"/> when another patient was quicker.
    /// </summary>
    public static async Task<SlotBooking> TakeAsync(ICampaignStore store, ICampaignSlotSource slots, Campaign campaign, CampaignPatientRecord patient, CampaignSlot slot, string how, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(slot);
        if (!await store.TakeSlotAsync(slot.Id, patient.Id, how, at, CancellationToken.None).ConfigureAwait(false))
        {
            return TakenFirst;
        }

        var booking = await slots.BookAsync(campaign, patient, slot, CancellationToken.None).ConfigureAwait(false);
        if (booking.Outcome != SlotBookingOutcome.Booked)
        {
            await store.ReleaseSlotAsync(slot.Id, patient.Id, CancellationToken.None).ConfigureAwait(false);
        }

        return booking;
    }
}

public enum SlotBookingOutcome
{
    Booked,

    /// <summary>Someone else holds it now (another caller booked it in the EHR): offer the rest.</summary>
    Taken,

    /// <summary>It cannot be booked now (the EHR is down, slow or refused): the office books it, so the patient is not lost.</summary>
    Unavailable,
}

/// <summary>The campaign's own typed slots, as the store keeps them.</summary>
public sealed class CampaignStoreSlots(ICampaignStore store) : ICampaignSlotSource
{
    public Task<IReadOnlyList<CampaignSlot>> OpenSlotsAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return store.OpenSlotsAsync(campaign.Id, cancellationToken);
    }

    public Task<SlotBooking> BookAsync(Campaign campaign, CampaignPatientRecord patient, CampaignSlot slot, CancellationToken cancellationToken) =>
        Task.FromResult(SlotBooking.Kept);
}
