using Ivr.Domain.Outbound;

namespace Ivr.Domain.Tests.Outbound;

/// <summary>Needs nothing: AMD's accuracy from staff's labels, overall and by AMDSTATUS.</summary>
public sealed class AmdAccuracyTests
{
    [Fact]
    public void AccuracyIsRightOverLabelledCountingOnlyAttemptsWithAnAmdResultAndALabel()
    {
        var accuracy = AmdAccuracy.Of(
        [
            Attempt(1, "HUMAN", AmdLabels.Right),
            Attempt(2, "MACHINE", AmdLabels.Right),
            Attempt(3, "MACHINE", AmdLabels.Wrong),
            Attempt(4, "MACHINE", null),
            Attempt(5, "NOTSURE", AmdLabels.Wrong),
            Attempt(6, null, null),
        ]);

        Assert.Equal(5, accuracy.WithAmd);
        Assert.Equal(4, accuracy.Labelled);
        Assert.Equal(2, accuracy.Right);
        Assert.Equal(2, accuracy.Wrong);
        Assert.Equal(0.5, accuracy.Share);
        Assert.Equal(["HUMAN", "MACHINE", "NOTSURE"], accuracy.ByStatus.Select(s => s.Status));
        var machine = accuracy.ByStatus[1];
        Assert.Equal((3, 2, 1, 1), (machine.Attempts, machine.Labelled, machine.Right, machine.Wrong));
        Assert.Equal(0.0, accuracy.ByStatus[2].Share);
    }

    [Fact]
    public void NothingLabelledHasNoShare()
    {
        var accuracy = AmdAccuracy.Of([Attempt(1, "HUMAN", null)]);

        Assert.Null(accuracy.Share);
        Assert.Null(Assert.Single(accuracy.ByStatus).Share);
        Assert.Equal(1, accuracy.WithAmd);
    }

    private static CampaignAttempt Attempt(long id, string? status, string? label) =>
        new(id, 1, id, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, AttemptResult.Confirmed, status, status is null ? null : "cause", "none", "why", null, label);
}
