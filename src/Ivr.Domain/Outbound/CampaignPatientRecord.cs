namespace Ivr.Domain.Outbound;

/// <summary>
/// A patient of a stored campaign and where they stand: <see cref="NextAt"/> is when the dialler may next try them
/// (null once done), <see cref="HeldBy"/> the rule that last held them back and <see cref="HeldWhy"/> in words.
/// </summary>
public sealed record CampaignPatientRecord(
    long Id,
    long CampaignId,
    CampaignPatient Patient,
    PatientProgress Progress,
    int Attempts,
    DateTimeOffset? NextAt,
    string? HeldBy,
    string? HeldWhy,
    long? SlotId,
    string? ConfirmedHow,
    DateTimeOffset? ConfirmedAt);
