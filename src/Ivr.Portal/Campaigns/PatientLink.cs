using Ivr.Domain.Outbound;

namespace Ivr.Portal.Campaigns;

/// <summary>
/// What a patient's confirmation page shows: the practice's name and number, the campaign's words, and for a
/// reschedule the open slots. <see cref="Campaign"/> and <see cref="Patient"/> are null when the link does not work;
/// <see cref="CallbackNumber"/> is known then only when the link stopped working in the middle of the answer.
/// </summary>
/// <param name="Status">What the link led to.</param>
/// <param name="Campaign">The campaign the link is for.</param>
/// <param name="Patient">The patient the link is for.</param>
/// <param name="PracticeName">The practice's name.</param>
/// <param name="CallbackNumber">The practice's number to call, digits only.</param>
/// <param name="Slots">A reschedule's open slots, soonest first.</param>
/// <param name="Slot">The slot the patient took.</param>
public sealed record PatientLink(
    PatientLinkStatus Status,
    Campaign? Campaign = null,
    CampaignPatientRecord? Patient = null,
    string? PracticeName = null,
    string? CallbackNumber = null,
    IReadOnlyList<CampaignSlot>? Slots = null,
    CampaignSlot? Slot = null)
{
    public static PatientLink NotWorking(string? callbackNumber = null) => new(PatientLinkStatus.NotWorking, CallbackNumber: callbackNumber);
}
