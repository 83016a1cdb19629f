using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;

namespace Ivr.Portal.Campaigns;

/// <summary>
/// A campaign a user asked to read, when they may: the campaign, its practice, its patients (patient data, decrypted),
/// every attempt, its counts and its slots.
/// </summary>
/// <param name="Status">Found, not found, or denied.</param>
/// <param name="Campaign">The campaign.</param>
/// <param name="Practice">Its practice (null if since removed).</param>
/// <param name="Patients">Its patients in the list's order.</param>
/// <param name="Attempts">Every attempt, oldest first.</param>
/// <param name="Counts">Patients by where they stand.</param>
/// <param name="Slots">Every slot, taken or not.</param>
public sealed record CampaignLookup(
    LookupStatus Status,
    Campaign? Campaign = null,
    Practice? Practice = null,
    IReadOnlyList<CampaignPatientRecord>? Patients = null,
    IReadOnlyList<CampaignAttempt>? Attempts = null,
    CampaignCounts? Counts = null,
    IReadOnlyList<CampaignSlot>? Slots = null)
{
    public string PracticeName => Practice?.Name ?? Campaign?.PracticeId ?? string.Empty;

    public AmdAccuracy Accuracy => AmdAccuracy.Of(Attempts ?? []);

    public IEnumerable<CampaignAttempt> AttemptsOf(long patientId) => (Attempts ?? []).Where(a => a.PatientId == patientId);

    public CampaignSlot? SlotOf(CampaignPatientRecord patient) =>
        patient.SlotId is { } id ? (Slots ?? []).FirstOrDefault(s => s.Id == id) : null;
}
