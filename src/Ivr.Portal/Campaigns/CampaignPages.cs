using System.Globalization;
using Ivr.Domain.Outbound;

namespace Ivr.Portal.Campaigns;

/// <summary>How the campaign pages and the export write a campaign's states, results and shares.</summary>
public static class CampaignPages
{
    /// <summary>A patient staff may still mark confirmed: anyone not confirmed, rescheduled or opted out.</summary>
    public static bool CanMarkConfirmed(CampaignPatientRecord patient) =>
        patient.Progress is not (PatientProgress.Confirmed or PatientProgress.Rescheduled or PatientProgress.OptedOut);

    public static string Kind(CampaignKind kind) => Ivr.Data.IvrJson.Word(kind);

    public static string State(CampaignState state) => Ivr.Data.IvrJson.Word(state);

    public static string Result(AttemptResult? result) => result is { } r ? Ivr.Data.IvrJson.Word(r).Replace('-', ' ') : "in progress";

    /// <summary>A share from 0 to 1 as a whole percentage, or a dash when there is none.</summary>
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>Done over all, as the progress bar's value from 0 to 100.</summary>
    public static int DonePercent(CampaignCounts counts) => counts.Patients == 0 ? 0 : (int)Math.Round(100.0 * counts.Done / counts.Patients);

    /// <summary>A wall-clock time of the practice (an appointment, a slot).</summary>
    public static string Local(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
