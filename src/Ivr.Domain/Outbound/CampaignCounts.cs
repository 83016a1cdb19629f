namespace Ivr.Domain.Outbound;

/// <summary>A campaign's progress for its page: patients by where they stand, and the calls made.</summary>
public sealed record CampaignCounts(IReadOnlyDictionary<PatientProgress, int> ByProgress, int Attempts)
{
    public int Patients => ByProgress.Values.Sum();

    public int Of(PatientProgress progress) => ByProgress.GetValueOrDefault(progress);

    /// <summary>Patients no longer being called: confirmed, rescheduled, opted out, handed to the office, exhausted.</summary>
    public int Done => Patients - Of(PatientProgress.Waiting) - Of(PatientProgress.Trying) - Of(PatientProgress.VoicemailLeft);
}
