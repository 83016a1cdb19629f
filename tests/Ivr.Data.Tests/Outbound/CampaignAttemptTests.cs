using Ivr.Domain.Outbound;

namespace Ivr.Data.Tests.Outbound;

/// <summary>
/// Needs a temporary SQLite file: an attempt's outcome moves its patient once (the first outcome stands), a
/// confirmation by another way is never lost, the policy's holds and opt-outs stop calls, and campaigns end.
/// </summary>
public sealed class CampaignAttemptTests
{
    private static readonly DateTimeOffset Now = CampaignFixture.Now;

    [Theory]
    [BothDatabases]
    public async Task TheFirstFinishWinsMovesThePatientToWhatFollowsAndGivesTheLeaseBack(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        Assert.True(await f.Store.ClaimAsync(maria, "process-a", Now, Now.AddMinutes(5)));
        var attempt = await f.Store.StartAttemptAsync(maria, Now, CallingDecision.Now("inside the window"));
        await f.Store.SetAmdAsync(attempt, "MACHINE", "LONGGREETING-1800-1500");
        var retry = Now.AddMinutes(31);

        var first = await f.Store.FinishAttemptAsync(attempt, AttemptResult.VoicemailLeft, "voicemail after the greeting", Now.AddMinutes(1), new PatientNext(PatientProgress.VoicemailLeft, retry));
        var second = await f.SecondProcess().FinishAttemptAsync(attempt, AttemptResult.NoAnswer, "no answer", Now.AddMinutes(2), new PatientNext(PatientProgress.Trying, Now.AddHours(5)));

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(
            new CampaignAttempt(attempt, campaign, maria, Now, Now.AddMinutes(1), AttemptResult.VoicemailLeft, "MACHINE", "LONGGREETING-1800-1500", "none", "inside the window", "voicemail after the greeting", null),
            await f.Store.AttemptAsync(attempt));
        var record = await f.Store.PatientAsync(maria);
        Assert.Equal((PatientProgress.VoicemailLeft, retry, 1), (record!.Progress, record.NextAt!.Value, record.Attempts));
        Assert.Equal(0, await f.Store.InProgressAsync(campaign, Now.AddMinutes(1)));
        Assert.Empty(await f.Store.DueAsync(retry.AddSeconds(-1), 10));
        Assert.True(await f.SecondProcess().ClaimAsync(maria, "process-b", retry, retry.AddMinutes(5)));
    }

    [Theory]
    [BothDatabases]
    public async Task AConfirmationOnTheCallIsKeptWithHowAndWhenAndEndsTheCalls(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        Assert.True(await f.Store.ClaimAsync(maria, "process-a", Now, Now.AddMinutes(5)));
        var attempt = await f.Store.StartAttemptAsync(maria, Now, CallingDecision.Now("inside the window"));

        Assert.True(await f.Store.FinishAttemptAsync(attempt, AttemptResult.Confirmed, "pressed 1", Now.AddMinutes(1), new PatientNext(PatientProgress.Confirmed, null)));

        var record = await f.Store.PatientAsync(maria);
        Assert.Equal((PatientProgress.Confirmed, (DateTimeOffset?)null, "phone: confirmed on the campaign call", Now.AddMinutes(1)), (record!.Progress, record.NextAt, record.ConfirmedHow, record.ConfirmedAt!.Value));
        Assert.False(await f.Store.ClaimAsync(maria, "process-a", Now.AddDays(1), Now.AddDays(1).AddMinutes(5)));
    }

    [Theory]
    [BothDatabases]
    public async Task APatientConfirmedByTheLinkDuringTheCallStaysConfirmedWhateverTheCallEndsWith(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        Assert.True(await f.Store.ClaimAsync(maria, "process-a", Now, Now.AddMinutes(5)));
        var attempt = await f.Store.StartAttemptAsync(maria, Now, CallingDecision.Now("inside the window"));

        Assert.True(await f.Store.MarkConfirmedAsync(maria, "email link", Now.AddSeconds(20)));
        Assert.False(await f.Store.MarkConfirmedAsync(maria, "staff: reached at the front desk", Now.AddSeconds(30)));
        Assert.True(await f.Store.FinishAttemptAsync(attempt, AttemptResult.NoAnswer, "no answer", Now.AddMinutes(1), new PatientNext(PatientProgress.Trying, Now.AddMinutes(31))));

        var record = await f.Store.PatientAsync(maria);
        Assert.Equal((PatientProgress.Confirmed, (DateTimeOffset?)null, "email link", Now.AddSeconds(20), 1), (record!.Progress, record.NextAt, record.ConfirmedHow, record.ConfirmedAt!.Value, record.Attempts));
        Assert.Equal(0, await f.Store.InProgressAsync(campaign, Now.AddMinutes(1)));
        Assert.Equal(AttemptResult.NoAnswer, (await f.Store.AttemptAsync(attempt))!.Result);
    }

    [Theory]
    [BothDatabases]
    public async Task AHoldWithATimeKeepsTheRuleAndWhyAndMakesThePatientDueThen(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        Assert.True(await f.Store.ClaimAsync(maria, "process-a", Now, Now.AddMinutes(5)));
        var opens = Now.AddHours(17);

        await f.Store.HoldAsync(maria, "process-b", Now.AddHours(1), "calls-a-day", "not the owner");
        Assert.Equal(1, await f.Store.InProgressAsync(campaign, Now));
        await f.Store.HoldAsync(maria, "process-a", opens, "calling-window", "it is 21:00 on the patient's clock, after the window");

        var record = await f.Store.PatientAsync(maria);
        Assert.Equal((PatientProgress.Waiting, opens, "calling-window", "it is 21:00 on the patient's clock, after the window"), (record!.Progress, record.NextAt!.Value, record.HeldBy!, record.HeldWhy!));
        Assert.Equal(0, await f.Store.InProgressAsync(campaign, Now));
        Assert.Empty(await f.Store.DueAsync(opens.AddSeconds(-1), 10));
        Assert.Single(await f.Store.DueAsync(opens, 10));
    }

    [Theory]
    [BothDatabases]
    public async Task AHoldWithoutATimeOptsThePatientOutForGood(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        Assert.True(await f.Store.ClaimAsync(maria, "process-a", Now, Now.AddMinutes(5)));

        await f.Store.HoldAsync(maria, "process-a", null, "opt-out", "the number asked to stop these calls on 2026-12-01");

        var record = await f.Store.PatientAsync(maria);
        Assert.Equal((PatientProgress.OptedOut, (DateTimeOffset?)null, "opt-out"), (record!.Progress, record.NextAt, record.HeldBy));
        Assert.Empty(await f.Store.DueAsync(Now.AddDays(30), 10));
        Assert.False(await f.Store.ClaimAsync(maria, "process-a", Now.AddDays(30), Now.AddDays(30).AddMinutes(5)));
    }

    [Theory]
    [BothDatabases]
    public async Task AnOptOutStopsEveryCampaignOfThePracticeAndNoOtherPractices(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var first = await f.RunningAsync([CampaignFixture.Maria, CampaignFixture.Leo]);
        var second = await f.RunningAsync([CampaignFixture.Maria]);
        var other = await f.RunningAsync([CampaignFixture.Maria], campaign: CampaignFixture.Campaign("lakeside"));

        await f.Store.OptOutAsync("riverside", CampaignFixture.Maria.Phone, Now);
        await f.SecondProcess().OptOutAsync("riverside", CampaignFixture.Maria.Phone, Now.AddDays(1));

        Assert.Equal(Now, await f.Store.OptedOutAtAsync("riverside", CampaignFixture.Maria.Phone));
        Assert.Equal(Now, await f.SecondProcess().OptedOutAtAsync("riverside", CampaignFixture.Maria.Phone));
        Assert.Null(await f.Store.OptedOutAtAsync("lakeside", CampaignFixture.Maria.Phone));
        Assert.Null(await f.Store.OptedOutAtAsync("riverside", CampaignFixture.Leo.Phone));
        Assert.Equal(PatientProgress.OptedOut, (await f.Store.PatientAsync(await f.PatientIdAsync(first, CampaignFixture.Maria)))!.Progress);
        Assert.Equal(PatientProgress.OptedOut, (await f.Store.PatientAsync(await f.PatientIdAsync(second, CampaignFixture.Maria)))!.Progress);
        Assert.Equal(PatientProgress.Waiting, (await f.Store.PatientAsync(await f.PatientIdAsync(first, CampaignFixture.Leo)))!.Progress);
        Assert.Equal(PatientProgress.Waiting, (await f.Store.PatientAsync(await f.PatientIdAsync(other, CampaignFixture.Maria)))!.Progress);

        // A later campaign of the practice finds the number opted out before it calls it.
        var later = await f.RunningAsync([CampaignFixture.Maria], Now.AddDays(2));
        Assert.Equal(Now, await f.Store.OptedOutAtAsync((await f.Store.GetAsync(later))!.PracticeId, CampaignFixture.Maria.Phone));
    }

    [Theory]
    [BothDatabases]
    public async Task CallTimesAreEveryAttemptToTheNumberForThatCampaignOnly(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria, CampaignFixture.Leo]);
        var other = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        await f.Store.StartAttemptAsync(maria, Now, CallingDecision.Now("inside the window"));
        var second = await f.Store.StartAttemptAsync(maria, Now.AddDays(1), CallingDecision.Now("inside the window"));
        await f.Store.FinishAttemptAsync(second, AttemptResult.Busy, "busy", Now.AddDays(1).AddMinutes(1), new PatientNext(PatientProgress.Trying, Now.AddDays(2)));
        await f.Store.StartAttemptAsync(await f.PatientIdAsync(campaign, CampaignFixture.Leo), Now, CallingDecision.Now("inside the window"));
        await f.Store.StartAttemptAsync(await f.PatientIdAsync(other, CampaignFixture.Maria), Now.AddHours(2), CallingDecision.Now("inside the window"));

        Assert.Equal([Now, Now.AddDays(1)], await f.Store.CallTimesAsync(campaign, CampaignFixture.Maria.Phone));
        Assert.Equal([Now.AddHours(2)], await f.Store.CallTimesAsync(other, CampaignFixture.Maria.Phone));
        Assert.Empty(await f.Store.CallTimesAsync(campaign, "+13125550000"));
    }

    [Theory]
    [BothDatabases]
    public async Task FinishOverEndsRunningCampaignsWithNobodyLeftOrPastTheirEndButNotAPausedOneStillGoing(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var done = await f.RunningAsync([CampaignFixture.Maria]);
        Assert.True(await f.Store.MarkConfirmedAsync(await f.PatientIdAsync(done, CampaignFixture.Maria), "email link", Now));
        var going = await f.RunningAsync([CampaignFixture.Leo]);
        var pastEnd = await f.RunningAsync([CampaignFixture.Ana], campaign: CampaignFixture.Campaign(endsBy: Now.AddHours(1)));
        var paused = await f.RunningAsync([CampaignFixture.Ana]);
        Assert.True(await f.Store.ChangeStateAsync(paused, CampaignState.Running, CampaignState.Paused, Now));
        var draft = await f.Store.CreateAsync(CampaignFixture.Campaign(endsBy: Now.AddMinutes(1)), [], [], []);
        var at = Now.AddHours(1);

        var finished = await f.Store.FinishOverAsync(at);

        Assert.Equal([done, pastEnd], finished);
        Assert.Equal((CampaignState.Finished, at), ((await f.Store.GetAsync(done))!.State, (await f.Store.GetAsync(done))!.EndedAt!.Value));
        Assert.Equal(CampaignState.Finished, (await f.Store.GetAsync(pastEnd))!.State);
        Assert.Equal(CampaignState.Running, (await f.Store.GetAsync(going))!.State);
        Assert.Equal(CampaignState.Paused, (await f.Store.GetAsync(paused))!.State);
        Assert.Equal(CampaignState.Draft, (await f.Store.GetAsync(draft))!.State);
        Assert.Empty(await f.Store.FinishOverAsync(at));
    }
}
