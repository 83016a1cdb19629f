using Ivr.Domain.Outbound;

namespace Ivr.Domain.Dispatch;

/// <summary>
/// One outbound campaign in a practice's morning report: its title, where it stands and how many of its patients
/// have not confirmed, in counts only (who they are stays in the portal).
/// </summary>
/// <param name="CampaignId">The campaign's id, for the portal's link.</param>
/// <param name="Title">What staff called it.</param>
/// <param name="State">Running or paused (still calling), or finished or cancelled since the last report.</param>
/// <param name="Patients">Everyone on its list.</param>
/// <param name="NotConfirmed">Of them, those who neither confirmed nor rescheduled (opted out, handed to the office, out of attempts, or still being called).</param>
/// <param name="StillCalling">Of the unconfirmed, those the campaign still calls (none once it is over).</param>
public sealed record CampaignReportLine(long CampaignId, string Title, CampaignState State, int Patients, int NotConfirmed, int StillCalling)
{
    public bool IsOver => State is CampaignState.Finished or CampaignState.Cancelled;
}
