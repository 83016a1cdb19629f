using Ivr.Domain.Triage;

namespace Ivr.Domain.Tests.Triage;

/// <summary>Needs nothing: a month's triage report computed from hand-made rows (mix, overrides, review, times, acknowledgement).</summary>
public sealed class TriageReportTests
{
    private static readonly DateTimeOffset Ring = new(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);

    private static TriageReportRow Row(
        long id,
        Disposition computed,
        Disposition? final = null,
        OverrideDirection? direction = null,
        bool needsReview = false,
        DateTimeOffset? reviewedAt = null,
        int deskAnswerSeconds = -1,
        int startSeconds = 60,
        int endSeconds = 300,
        long? messageId = null,
        int? ackMinutes = null) =>
        new(
            id,
            "riverside",
            "garcia",
            computed,
            final,
            direction,
            needsReview,
            reviewedAt,
            Ring,
            deskAnswerSeconds < 0 ? null : Ring.AddSeconds(deskAnswerSeconds),
            Ring.AddSeconds(startSeconds),
            Ring.AddSeconds(endSeconds),
            messageId,
            messageId is null ? null : Ring.AddSeconds(endSeconds),
            ackMinutes is { } m ? Ring.AddSeconds(endSeconds).AddMinutes(m) : null);

    [Fact]
    public void AnEmptyMonthListsEveryRungWithNoCountsAndNoSharesAndMeasuresNothing()
    {
        var report = TriageReport.Build([]);

        Assert.Equal(0, report.Triages);
        Assert.Equal(Dispositions.All, report.Mix.Select(m => m.Disposition));
        Assert.All(report.Mix, m => Assert.Equal((0, (double?)null), (m.Count, m.Share)));
        Assert.Equal((0, 0, 0, 0), (report.OverriddenUp, report.OverriddenDown, report.DowngradesReviewed, report.DowngradesAwaitingReview));
        Assert.Equal((0, (double?)null, (double?)null), (report.RingToNurse.Count, report.RingToNurse.MedianSeconds, report.RingToNurse.P90Seconds));
        Assert.Equal(0, report.RingToDisposition.Count);
        Assert.Equal((0, 0, 0), (report.Messages, report.TimeToAcknowledge.Count, report.Unacknowledged));
    }

    [Fact]
    public void TheMixCountsTheFinalDispositionInLadderOrderAndItsSharesSumToOne()
    {
        TriageReportRow[] rows =
        [
            Row(1, Disposition.HomeCare, Disposition.HomeCare),
            Row(2, Disposition.SeeToday, Disposition.Within24Hours, OverrideDirection.Down, needsReview: true),
            Row(3, Disposition.HomeCare, Disposition.EmergencyDepartmentNow, OverrideDirection.Up),
            Row(4, Disposition.HomeCare),
            Row(5, Disposition.Within24Hours, Disposition.Within24Hours),
            Row(6, Disposition.Call911Now, Disposition.Call911Now),
        ];

        var report = TriageReport.Build(rows);

        Assert.Equal(6, report.Triages);
        Assert.Equal(
            ["call-911-now", "ed-now", "see-now", "see-today", "within-24-hours", "within-3-days", "within-2-weeks", "home-care"],
            report.Mix.Select(m => m.Code));
        Assert.Equal([1, 1, 0, 0, 2, 0, 0, 2], report.Mix.Select(m => m.Count));
        Assert.Equal(1.0, report.Mix.Sum(m => m.Share!.Value), 9);
        Assert.Equal(2.0 / 6, report.Mix[4].Share!.Value, 9);
        Assert.Equal(0.0, report.Mix[3].Share);
        Assert.Equal("see within 24 hours", report.Mix[4].Words);
    }

    [Fact]
    public void SharesOfThreeUnevenRungsStillSumToOne()
    {
        TriageReportRow[] rows = [.. Enumerable.Range(1, 7).Select(i => Row(i, i % 3 == 0 ? Disposition.SeeToday : i % 3 == 1 ? Disposition.HomeCare : Disposition.Within3Days))];

        var report = TriageReport.Build(rows);

        Assert.Equal(1.0, report.Mix.Sum(m => m.Share!.Value), 9);
        Assert.Equal(7, report.Mix.Sum(m => m.Count));
    }

    [Fact]
    public void OverridesCountByDirectionAndDowngradesByReviewed()
    {
        TriageReportRow[] rows =
        [
            Row(1, Disposition.HomeCare, Disposition.SeeToday, OverrideDirection.Up),
            Row(2, Disposition.SeeToday, Disposition.HomeCare, OverrideDirection.Down, needsReview: true, reviewedAt: Ring.AddHours(2)),
            Row(3, Disposition.SeeToday, Disposition.Within3Days, OverrideDirection.Down, needsReview: true),
            Row(4, Disposition.EmergencyDepartmentNow, Disposition.SeeClinicianNow, OverrideDirection.Down, needsReview: true),
            Row(5, Disposition.HomeCare, Disposition.HomeCare),
        ];

        var report = TriageReport.Build(rows);

        Assert.Equal((1, 3), (report.OverriddenUp, report.OverriddenDown));
        Assert.Equal((1, 2), (report.DowngradesReviewed, report.DowngradesAwaitingReview));
    }

    [Fact]
    public void RingToNurseUsesTheDesksAnswerWhenThereIsOneElseTheTriagesStartWithNearestRankPercentiles()
    {
        TriageReportRow[] rows =
        [
            Row(1, Disposition.HomeCare, deskAnswerSeconds: 20, startSeconds: 50, endSeconds: 200),
            Row(2, Disposition.HomeCare, startSeconds: 40, endSeconds: 400),
            Row(3, Disposition.HomeCare, deskAnswerSeconds: 90, startSeconds: 95, endSeconds: 600),
            Row(4, Disposition.HomeCare, startSeconds: 10, endSeconds: 100),
        ];

        var report = TriageReport.Build(rows);

        // To the nurse: 20, 40, 90, 10 → sorted 10, 20, 40, 90: median (rank 2) 20, p90 (rank 4) 90.
        Assert.Equal((4, 20.0, 90.0), (report.RingToNurse.Count, report.RingToNurse.MedianSeconds, report.RingToNurse.P90Seconds));
        Assert.Equal(2, report.NurseAnsweredAtDesk);
        // To the disposition: 100, 200, 400, 600: median 200, p90 600.
        Assert.Equal((4, 200.0, 600.0), (report.RingToDisposition.Count, report.RingToDisposition.MedianSeconds, report.RingToDisposition.P90Seconds));
    }

    [Fact]
    public void AcknowledgementTimesAreOfAcknowledgedTriagedMessagesAndTheRestAreCountedUnacknowledged()
    {
        TriageReportRow[] rows =
        [
            Row(1, Disposition.SeeToday, messageId: 11, ackMinutes: 4),
            Row(2, Disposition.EmergencyDepartmentNow, messageId: 12, ackMinutes: 2),
            Row(3, Disposition.Within24Hours, messageId: 13),
            Row(4, Disposition.HomeCare, messageId: 14, ackMinutes: 30),
            Row(5, Disposition.HomeCare),
        ];

        var report = TriageReport.Build(rows);

        Assert.Equal(4, report.Messages);
        Assert.Equal((3, 240.0, 1800.0), (report.TimeToAcknowledge.Count, report.TimeToAcknowledge.MedianSeconds, report.TimeToAcknowledge.P90Seconds));
        Assert.Equal(1, report.Unacknowledged);
    }
}
