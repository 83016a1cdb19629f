using Ivr.Domain.Ehr;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Outbound;

/// <summary>
/// A reschedule campaign's open times where the practice's EHR books (level <see cref="EhrLevel.Book"/>, docs/ehr.md):
/// its free Slots, mirrored into the campaign's slots so two patients racing for one are settled by the store's
/// atomic take, then booked in the EHR. The times staff typed are offered beside them. An EHR that is down or slow
/// never leaves a patient with nothing: its slots are left out of that offer (the typed ones remain), and a booking
/// it cannot take hands the patient to the office. Practices without that level get exactly <see cref="CampaignStoreSlots"/>.
/// </summary>
public sealed class EhrCampaignSlots(ICampaignStore store, IPracticeStore practices, IEhrLink ehr, OutboundOptions options, TimeProvider time) : ICampaignSlotSource
{
    /// <summary>At most this many free Slots are read for one offer (three are offered; the patient's clinician's come first).</summary>
    public const int SlotsRead = 30;

    public async Task<IReadOnlyList<CampaignSlot>> OpenSlotsAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (!await BooksAsync(campaign, cancellationToken).ConfigureAwait(false))
        {
            return await store.OpenSlotsAsync(campaign.Id, cancellationToken).ConfigureAwait(false);
        }

        var clock = new ZoneClock(campaign.TimeZone);
        var now = time.GetUtcNow();
        try
        {
            // The patient waits on the line: the EHR gets a short time, on the service's clock.
            using var limit = new CancellationTokenSource(options.EhrTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            var free = await ehr.FreeSlotsAsync(campaign.PracticeId, now, now.AddDays(options.EhrSlotDays), SlotsRead, linked.Token).ConfigureAwait(false);
            await store.MirrorEhrSlotsAsync(
                campaign.Id,
                free.Select(s => (s.SlotId, clock.Local(s.Start), string.IsNullOrWhiteSpace(s.Who) ? null : s.Who)).ToList(),
                CancellationToken.None).ConfigureAwait(false);
            return await store.OpenSlotsAsync(campaign.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is EhrUnavailableException || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // What the EHR listed earlier may be gone now: only the typed times are sure.
            return (await store.OpenSlotsAsync(campaign.Id, cancellationToken).ConfigureAwait(false)).Where(s => s.EhrSlotId is null).ToList();
        }
    }

    public async Task<SlotBooking> BookAsync(Campaign campaign, CampaignPatientRecord patient, CampaignSlot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.EhrSlotId is not { } slotId)
        {
            return SlotBooking.Kept;
        }

        var start = new ZoneClock(campaign.TimeZone).Instant(slot.StartsAt);
        var booking = new EhrBooking($"campaign-{campaign.Id}-patient-{patient.Id}", campaign.Title, patient.Patient.Name, patient.Patient.Appointment);
        EhrResult result;
        try
        {
            result = await ehr.BookAsync(campaign.PracticeId, new EhrSlot(slotId, start, start, string.Empty, slot.Clinician ?? string.Empty), booking, cancellationToken).ConfigureAwait(false);
        }
        catch (EhrUnavailableException failure)
        {
            return new SlotBooking(SlotBookingOutcome.Unavailable, failure.Message);
        }

        return result.Outcome switch
        {
            EhrOutcome.Done => new SlotBooking(SlotBookingOutcome.Booked, $"booked in the EHR: {result.Reference}"),
            EhrOutcome.SlotTaken => new SlotBooking(SlotBookingOutcome.Taken, $"the EHR gave the slot to someone else: {result.Detail}"),
            _ => new SlotBooking(SlotBookingOutcome.Unavailable, $"the EHR did not book it ({result.Outcome}): {result.Detail}"),
        };
    }

    private async Task<bool> BooksAsync(Campaign campaign, CancellationToken cancellationToken) =>
        campaign.Kind == CampaignKind.Reschedule
        && await practices.GetAsync(campaign.PracticeId, cancellationToken).ConfigureAwait(false) is { Ehr: { Linked: true, Level: EhrLevel.Book } };
}
