using System.Globalization;
using Ivr.Domain.Audit;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;

namespace Ivr.Portal.Campaigns;

/// <summary>
/// The one way a patient's confirmation link (<c>/confirm/{token}</c>, no sign-in: the token is the key) reaches a
/// campaign: the page shown, a confirmation, a slot taken. A choice spends the link and stops the calls. Each use is
/// audited as <see cref="Actor"/> with the patient's id, never the token; a link that does not work (unknown, spent or
/// expired, which the store does not tell apart) reads nothing and looks the same whichever it is. A reschedule's times
/// come from <see cref="ICampaignSlotSource"/>: the EHR's free Slots, booked there, for a practice whose EHR books.
/// </summary>
public sealed class PatientLinkAccess(ICampaignStore campaigns, IPracticeStore practices, IAuditLog audit, TimeProvider time, ICampaignSlotSource? slotSource = null)
{
    private readonly ICampaignSlotSource _slots = slotSource ?? new CampaignStoreSlots(campaigns);

    /// <summary>Who the audit log says used a link.</summary>
    public const string Actor = "patient link";

    /// <summary>How the store records a confirmation or a slot taken through the link.</summary>
    public const string How = "email link";

    /// <summary>Tokens are far shorter; anything longer is not one and is not looked up.</summary>
    private const int MaxTokenLength = 200;

    /// <summary>The page for the link, audited (<c>campaign.link.open</c>).</summary>
    public async Task<PatientLink> OpenAsync(string token, CancellationToken cancellationToken = default)
    {
        var link = await LoadAsync(token, cancellationToken);
        if (link.Patient is { } patient)
        {
            await AuditAsync("campaign.link.open", link, $"page shown ({patient.Progress})", cancellationToken);
        }

        return link;
    }

    /// <summary>The patient got the message (a cancellation or a notice): the link is spent and the calls stop.</summary>
    public async Task<PatientLink> ConfirmAsync(string token, CancellationToken cancellationToken = default)
    {
        var link = await LoadAsync(token, cancellationToken);
        if (link is not { Status: PatientLinkStatus.Open, Patient: { } patient, Campaign: { } campaign } || campaign.Kind == CampaignKind.Reschedule)
        {
            // Nothing to confirm here (or a reschedule, which is answered with a slot): the page as it stands.
            return await OpenAsync(token, cancellationToken);
        }

        var now = time.GetUtcNow();
        if (!await campaigns.SpendLinkAsync(token, now, cancellationToken))
        {
            // Spent a moment ago (another tab, a double click): the first answer stands.
            return PatientLink.NotWorking(campaign.CallbackNumber);
        }

        var marked = await campaigns.MarkConfirmedAsync(patient.Id, How, now, cancellationToken);
        var confirmed = link with { Status = PatientLinkStatus.Confirmed };
        await AuditAsync("campaign.link.confirm", confirmed, marked ? "confirmed by email link: no more calls" : "confirmed by email link after another answer", cancellationToken);
        return confirmed;
    }

    /// <summary>The patient picks a reschedule's slot: taken atomically (else the rest are offered), the link spent, the calls stopped.</summary>
    public async Task<PatientLink> TakeSlotAsync(string token, long slotId, CancellationToken cancellationToken = default)
    {
        var link = await LoadAsync(token, cancellationToken);
        if (link is not { Status: PatientLinkStatus.Open, Patient: { } patient, Campaign: { Kind: CampaignKind.Reschedule } campaign })
        {
            return await OpenAsync(token, cancellationToken);
        }

        var now = time.GetUtcNow();
        var slot = link.Slots?.FirstOrDefault(s => s.Id == slotId);
        var booking = slot is null ? SlotBooking.TakenFirst : await SlotBooking.TakeAsync(campaigns, _slots, campaign, patient, slot, How, now);
        if (booking == SlotBooking.TakenFirst)
        {
            var rest = link with { Status = PatientLinkStatus.SlotTaken, Slots = await _slots.OpenSlotsAsync(campaign, cancellationToken) };
            await AuditAsync("campaign.link.slot-taken", rest, Invariant($"slot {slotId} was taken already: {rest.Slots!.Count} other(s) offered"), cancellationToken);
            return rest;
        }

        if (booking.Outcome != SlotBookingOutcome.Booked)
        {
            // Not booked where it lives, it was given back and the rest are offered: the patient stays on the calling
            // list (and the page gives the office's number), never lost.
            var rest = link with { Status = PatientLinkStatus.SlotTaken, Slots = (await _slots.OpenSlotsAsync(campaign, cancellationToken)).Where(s => s.Id != slotId).ToList() };
            await AuditAsync("campaign.link.slot-taken", rest, Invariant($"slot {slotId} could not be booked in the EHR ({booking.Outcome}): {rest.Slots!.Count} other(s) offered"), cancellationToken);
            return rest;
        }

        // The slot is theirs and the patient is rescheduled; the link is spent after, so a failure between leaves it usable, not lost.
        await campaigns.SpendLinkAsync(token, now, cancellationToken);
        var rescheduled = link with { Status = PatientLinkStatus.Rescheduled, Slot = slot };
        await AuditAsync("campaign.link.reschedule", rescheduled, Invariant($"slot {slot!.Id} taken by email link: no more calls"), cancellationToken);
        return rescheduled;
    }

    private async Task<PatientLink> LoadAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return PatientLink.NotWorking();
        }

        var patient = await campaigns.PatientByLinkAsync(token, time.GetUtcNow(), cancellationToken);
        var campaign = patient is null ? null : await campaigns.GetAsync(patient.CampaignId, cancellationToken);
        if (patient is null || campaign is null)
        {
            return PatientLink.NotWorking();
        }

        var practice = await practices.GetAsync(campaign.PracticeId, cancellationToken);
        var answered = patient.Progress is not (PatientProgress.Waiting or PatientProgress.Trying or PatientProgress.VoicemailLeft);
        var slots = campaign.Kind == CampaignKind.Reschedule && !answered ? await _slots.OpenSlotsAsync(campaign, cancellationToken) : [];
        return new PatientLink(
            answered ? PatientLinkStatus.AnsweredAlready : PatientLinkStatus.Open,
            campaign,
            patient,
            practice?.Name ?? "Your doctor's office",
            campaign.CallbackNumber,
            slots);
    }

    private Task AuditAsync(string action, PatientLink link, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            new AuditEntry(time.GetUtcNow(), Actor, action, "campaign-patient", link.Patient!.Id.ToString(CultureInfo.InvariantCulture), Invariant($"campaign {link.Campaign!.Id}: {detail}")),
            cancellationToken);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
