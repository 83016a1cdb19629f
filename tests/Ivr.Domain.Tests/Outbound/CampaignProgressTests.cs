using Ivr.Domain.Outbound;

namespace Ivr.Domain.Tests.Outbound;

/// <summary>Needs nothing: what follows each attempt's result for its patient, and when a campaign is over.</summary>
public sealed class CampaignProgressTests
{
    private static readonly DateTimeOffset Ended = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(AttemptResult.Confirmed, PatientProgress.Confirmed)]
    [InlineData(AttemptResult.Rescheduled, PatientProgress.Rescheduled)]
    [InlineData(AttemptResult.OptedOut, PatientProgress.OptedOut)]
    [InlineData(AttemptResult.NeedsOfficeCall, PatientProgress.NeedsOfficeCall)]
    public void AnAnswerThatSettlesThePatientStopsTheCalls(AttemptResult result, PatientProgress progress)
    {
        Assert.Equal(new PatientNext(progress, null), CampaignProgress.After(result, 1, RetryRules.Default, Ended));
    }

    [Theory]
    [InlineData(AttemptResult.NoAnswer, PatientProgress.Trying)]
    [InlineData(AttemptResult.Busy, PatientProgress.Trying)]
    [InlineData(AttemptResult.Failed, PatientProgress.Trying)]
    [InlineData(AttemptResult.HeardNotConfirmed, PatientProgress.Trying)]
    [InlineData(AttemptResult.VoicemailLeft, PatientProgress.VoicemailLeft)]
    public void AnythingElseIsCalledAgainAfterTheNextWaitUntilTheAttemptsAreSpent(AttemptResult result, PatientProgress progress)
    {
        Assert.Equal(new PatientNext(progress, Ended.AddMinutes(30)), CampaignProgress.After(result, 1, RetryRules.Default, Ended));
        Assert.Equal(new PatientNext(progress, Ended.AddHours(2)), CampaignProgress.After(result, 2, RetryRules.Default, Ended));
        Assert.Equal(new PatientNext(progress, Ended.AddDays(1)), CampaignProgress.After(result, 5, RetryRules.Default, Ended));
        Assert.Equal(new PatientNext(PatientProgress.Exhausted, null), CampaignProgress.After(result, 6, RetryRules.Default, Ended));
    }

    [Fact]
    public void ACampaignIsOverWhenNobodyIsLeftToCallAndItsUnconfirmedAreNamed()
    {
        Assert.False(CampaignProgress.Finished([PatientProgress.Confirmed, PatientProgress.VoicemailLeft]));
        Assert.False(CampaignProgress.Finished([PatientProgress.Waiting]));
        Assert.True(CampaignProgress.Finished([PatientProgress.Confirmed, PatientProgress.Exhausted, PatientProgress.OptedOut, PatientProgress.NeedsOfficeCall]));
        Assert.Equal(
            [PatientProgress.NeedsOfficeCall, PatientProgress.Exhausted],
            new[] { PatientProgress.Confirmed, PatientProgress.Rescheduled, PatientProgress.OptedOut, PatientProgress.NeedsOfficeCall, PatientProgress.Exhausted }.Where(CampaignProgress.Unconfirmed));
    }
}
