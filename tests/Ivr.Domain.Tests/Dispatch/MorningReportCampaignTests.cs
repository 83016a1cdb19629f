using Ivr.Domain.Dispatch;
using Ivr.Domain.Outbound;

namespace Ivr.Domain.Tests.Dispatch;

/// <summary>Needs nothing: which outbound campaigns a morning report names, and the counts it gives for each.</summary>
public sealed class MorningReportCampaignTests
{
    private static readonly DateTimeOffset LastReport = new(2026, 12, 2, 13, 0, 0, TimeSpan.Zero);

    private static Campaign Campaign(long id, CampaignState state, DateTimeOffset? endedAt = null) => new()
    {
        Id = id,
        PracticeId = "riverside",
        Title = $"campaign {id}",
        Words = "Your appointment on Friday is cancelled.",
        CallbackNumber = "3125550100",
        TimeZone = "America/Chicago",
        EndsBy = LastReport.AddDays(7),
        CreatedBy = "admin",
        CreatedAt = LastReport.AddDays(-3).AddMinutes(id),
        State = state,
        EndedAt = endedAt,
    };

    private static CampaignCounts Counts(int confirmed, int rescheduled, int trying, int exhausted, int optedOut = 0, int office = 0) =>
        new(
            new Dictionary<PatientProgress, int>
            {
                [PatientProgress.Confirmed] = confirmed,
                [PatientProgress.Rescheduled] = rescheduled,
                [PatientProgress.Trying] = trying,
                [PatientProgress.Exhausted] = exhausted,
                [PatientProgress.OptedOut] = optedOut,
                [PatientProgress.NeedsOfficeCall] = office,
            },
            Attempts: 50);

    [Fact]
    public void RunningAndPausedCampaignsAreNamedWithTheirUnconfirmedAndStillCalledCounts()
    {
        var lines = MorningReport.Campaigns(
            [(Campaign(1, CampaignState.Running), Counts(10, 2, 5, 1)), (Campaign(2, CampaignState.Paused), Counts(0, 0, 3, 0))],
            LastReport);

        Assert.Equal(
            [new CampaignReportLine(1, "campaign 1", CampaignState.Running, 18, 6, 5), new CampaignReportLine(2, "campaign 2", CampaignState.Paused, 3, 3, 3)],
            lines);
    }

    [Fact]
    public void AFinishedCampaignIsNamedOnceInTheFirstReportAfterItEndedWithEveryoneWhoDidNotConfirm()
    {
        var campaigns = new[]
        {
            (Campaign(1, CampaignState.Finished, LastReport.AddHours(-1)), Counts(5, 0, 0, 1)),
            (Campaign(2, CampaignState.Finished, LastReport.AddHours(5)), Counts(30, 4, 0, 3, optedOut: 1, office: 2)),
            (Campaign(3, CampaignState.Cancelled, LastReport.AddHours(6)), Counts(1, 0, 0, 0, optedOut: 0, office: 0) with { ByProgress = new Dictionary<PatientProgress, int> { [PatientProgress.Confirmed] = 1, [PatientProgress.Waiting] = 9 } }),
            (Campaign(4, CampaignState.Draft), Counts(0, 0, 0, 0)),
        };

        var lines = MorningReport.Campaigns(campaigns, LastReport);
        var first = MorningReport.Campaigns(campaigns, lastReport: null);

        Assert.Equal(
            [new CampaignReportLine(2, "campaign 2", CampaignState.Finished, 40, 6, 0), new CampaignReportLine(3, "campaign 3", CampaignState.Cancelled, 10, 9, 0)],
            lines);
        Assert.Equal([1L, 2L, 3L], first.Select(l => l.CampaignId));
    }
}
