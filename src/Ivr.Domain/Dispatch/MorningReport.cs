using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Dispatch;

/// <summary>
/// Routine messages wait for the practice's morning report: it goes out when the office next opens
/// (its own time zone, holidays and closures respected), or at once when the office is open now.
/// </summary>
public static class MorningReport
{
    private const int DaysAhead = 21;

    /// <summary>When routine messages left at <paramref name="at"/> go out; null when the practice has no business hours in the next three weeks.</summary>
    public static DateTimeOffset? DueAt(Practice practice, DateTimeOffset at) => IsOpen(practice, at) ? at : NextOpeningAfter(practice, at);

    /// <summary>The first time the office opens after <paramref name="at"/> (not the opening it is in); null when it does not open within the days looked ahead.</summary>
    public static DateTimeOffset? NextOpeningAfter(Practice practice, DateTimeOffset at)
    {
        var clock = practice.Clock();
        var today = DateOnly.FromDateTime(clock.Local(at));
        for (var offset = 0; offset <= DaysAhead; offset++)
        {
            var day = today.AddDays(offset);
            foreach (var interval in practice.Hours.On(day.DayOfWeek).OrderBy(i => i.Open))
            {
                var opening = clock.Instant(day.ToDateTime(interval.Open));
                if (opening > at && IsOpen(practice, opening))
                {
                    return opening;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the morning report reaches anyone: a practice admin of the practice with an email, or else the
    /// supervisor's email (<paramref name="supervisorEmail"/>, <c>Dispatch:SupervisorEmail</c>).
    /// </summary>
    public static bool HasRecipient(Practice practice, string? supervisorEmail) =>
        !string.IsNullOrEmpty(supervisorEmail)
        || practice.Clinicians.Any(c => c.Role == ClinicianRole.PracticeAdmin && c.Contacts.Any(m => m.Kind == ContactKind.Email));

    /// <summary>
    /// The practice's outbound campaigns the report names: every one still running or paused, with its counts, and
    /// every one finished or cancelled after <paramref name="lastReport"/> (any, for the practice's first report), so
    /// each campaign's unconfirmed patients reach the practice at least once after it ends. Drafts are left out.
    /// Oldest first, as staff started them.
    /// </summary>
    /// <param name="campaigns">The practice's campaigns, each with its counts.</param>
    /// <param name="lastReport">When the practice's previous morning report went out, if one did.</param>
    public static IReadOnlyList<CampaignReportLine> Campaigns(IEnumerable<(Campaign Campaign, CampaignCounts Counts)> campaigns, DateTimeOffset? lastReport)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        return campaigns
            .Where(c => c.Campaign.State is CampaignState.Running or CampaignState.Paused
                || (c.Campaign.State is CampaignState.Finished or CampaignState.Cancelled && (lastReport is null || c.Campaign.EndedAt is not { } ended || ended > lastReport)))
            .OrderBy(c => c.Campaign.StartedAt ?? c.Campaign.CreatedAt)
            .ThenBy(c => c.Campaign.Id)
            .Select(c =>
            {
                var counts = c.Counts;
                var notConfirmed = counts.Patients - counts.Of(PatientProgress.Confirmed) - counts.Of(PatientProgress.Rescheduled);
                var over = c.Campaign.State is CampaignState.Finished or CampaignState.Cancelled;
                return new CampaignReportLine(c.Campaign.Id, c.Campaign.Title, c.Campaign.State, counts.Patients, notConfirmed, over ? 0 : counts.Patients - counts.Done);
            })
            .ToList();
    }

    /// <summary>Whether the office is open at <paramref name="instant"/>: within its hours, on no holiday and in no closure.</summary>
    public static bool IsOpen(Practice practice, DateTimeOffset instant)
    {
        var local = practice.Clock().Local(instant);
        return !practice.Closures.Any(c => c.Contains(local))
            && practice.Holidays.On(DateOnly.FromDateTime(local)) is null
            && practice.Hours.OpenAt(local) is not null;
    }
}
