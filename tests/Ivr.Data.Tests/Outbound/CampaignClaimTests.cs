using Ivr.Domain.Outbound;

namespace Ivr.Data.Tests.Outbound;

/// <summary>
/// Needs a temporary SQLite file: patients are leased before a call as dispatch leases its steps, so two processes
/// never call one patient at once and a killed process's lease runs out, its open attempt closed as interrupted.
/// </summary>
public sealed class CampaignClaimTests
{
    private static readonly DateTimeOffset Now = CampaignFixture.Now;

    [Theory]
    [BothDatabases]
    public async Task TwoProcessesRacingForTheSameDuePatientsNeverBothWinOne(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var patients = Enumerable.Range(0, 20).Select(i => new CampaignPatient(i + 2, $"Patient {i}", $"+1312555{i:0000}", null, null, null)).ToList();
        var campaign = await f.RunningAsync(patients);
        var ids = (await f.Store.PatientsAsync(campaign)).Select(p => p.Id).ToList();
        var stores = new[] { f.Store, f.SecondProcess() };

        var claims = await Task.WhenAll(ids.SelectMany(id => stores.Select((store, i) => Task.Run(async () => (id, won: await store.ClaimAsync(id, $"process-{i}", Now, Now.AddMinutes(5)))))));

        Assert.All(claims.GroupBy(c => c.id), g => Assert.Single(g, c => c.won));
        Assert.Equal(20, await f.Store.InProgressAsync(campaign, Now));
        Assert.Empty(await f.Store.DueAsync(Now, 100));
    }

    [Theory]
    [BothDatabases]
    public async Task ALiveLeaseBlocksAnotherOwnerUntilItRunsOut(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);

        Assert.True(await f.Store.ClaimAsync(maria, "process-a", Now, Now.AddMinutes(5)));
        Assert.False(await f.SecondProcess().ClaimAsync(maria, "process-b", Now.AddMinutes(4), Now.AddMinutes(9)));
        Assert.False(await f.Store.ClaimAsync(maria, "process-a", Now.AddMinutes(1), Now.AddMinutes(6)));
        Assert.Equal(1, await f.Store.InProgressAsync(campaign, Now.AddMinutes(4)));
        Assert.Equal(0, await f.Store.InProgressAsync(campaign, Now.AddMinutes(5)));
        Assert.Equal([maria], (await f.Store.DueAsync(Now.AddMinutes(5), 10)).Select(p => p.Id));
        Assert.True(await f.SecondProcess().ClaimAsync(maria, "process-b", Now.AddMinutes(5), Now.AddMinutes(10)));
    }

    [Theory]
    [BothDatabases]
    public async Task AnExpiredLeaseIsClaimedAndTheDeadOwnersOpenAttemptIsClosedAsInterruptedAndStillCounts(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        Assert.True(await f.Store.ClaimAsync(maria, "killed", Now, Now.AddMinutes(5)));
        var dead = await f.Store.StartAttemptAsync(maria, Now.AddSeconds(1), CallingDecision.Now("inside the window"));

        var claimed = await f.SecondProcess().ClaimAsync(maria, "restarted", Now.AddMinutes(6), Now.AddMinutes(11));
        var attempt = await f.Store.AttemptAsync(dead);

        Assert.True(claimed);
        Assert.Equal((AttemptResult.Failed, "interrupted: the service stopped during the call", Now.AddMinutes(6)), (attempt!.Result, attempt.Detail, attempt.EndedAt!.Value));
        Assert.Equal([Now.AddSeconds(1)], await f.Store.CallTimesAsync(campaign, CampaignFixture.Maria.Phone));
        var record = await f.Store.PatientAsync(maria);
        Assert.Equal((PatientProgress.Trying, 1), (record!.Progress, record.Attempts));

        // The dead owner coming back finds its outcome refused: the first one stands.
        Assert.False(await f.Store.FinishAttemptAsync(dead, AttemptResult.Confirmed, "pressed 1", Now.AddMinutes(7), new PatientNext(PatientProgress.Confirmed, null)));
        Assert.Equal(PatientProgress.Trying, (await f.Store.PatientAsync(maria))!.Progress);
    }

    [Theory]
    [BothDatabases]
    public async Task AnInterruptedLastAttemptExhaustsThePatientInsteadOfCallingThemAgain(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria], campaign: CampaignFixture.Campaign() with { Retry = new RetryRules { MaxAttempts = 1 } });
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        Assert.True(await f.Store.ClaimAsync(maria, "killed", Now, Now.AddMinutes(5)));
        await f.Store.StartAttemptAsync(maria, Now, CallingDecision.Now("inside the window"));

        Assert.False(await f.Store.ClaimAsync(maria, "restarted", Now.AddMinutes(6), Now.AddMinutes(11)));
        var record = await f.Store.PatientAsync(maria);
        Assert.Equal((PatientProgress.Exhausted, (DateTimeOffset?)null), (record!.Progress, record.NextAt));
        Assert.Equal(0, await f.Store.InProgressAsync(campaign, Now.AddMinutes(6)));
    }

    [Theory]
    [InlineData(CampaignState.Draft)]
    [InlineData(CampaignState.Paused)]
    [InlineData(CampaignState.Cancelled)]
    [InlineData(CampaignState.Finished)]
    public async Task PatientsOfACampaignThatIsNotRunningAreNeverDueNorClaimable(CampaignState state)
    {
        using var f = await CampaignFixture.CreateAsync();
        long campaign;
        if (state == CampaignState.Draft)
        {
            campaign = await f.Store.CreateAsync(CampaignFixture.Campaign(), [CampaignFixture.Maria], [], []);
        }
        else
        {
            campaign = await f.RunningAsync([CampaignFixture.Maria]);
            Assert.Single(await f.Store.DueAsync(Now, 10));
            Assert.True(await f.Store.ChangeStateAsync(campaign, CampaignState.Running, state, Now));
        }

        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);

        Assert.Empty(await f.Store.DueAsync(Now.AddDays(1), 10));
        Assert.False(await f.Store.ClaimAsync(maria, "process-a", Now.AddDays(1), Now.AddDays(1).AddMinutes(5)));
        Assert.Equal(0, await f.Store.InProgressAsync(campaign, Now.AddDays(1)));
    }

    [Theory]
    [BothDatabases]
    public async Task ResumingAPausedCampaignMakesItsPatientsDueAgain(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        Assert.True(await f.Store.ChangeStateAsync(campaign, CampaignState.Running, CampaignState.Paused, Now));
        Assert.Empty(await f.Store.DueAsync(Now, 10));

        Assert.True(await f.Store.ChangeStateAsync(campaign, CampaignState.Paused, CampaignState.Running, Now.AddMinutes(1)));

        Assert.Equal([maria], (await f.Store.DueAsync(Now.AddMinutes(1), 10)).Select(p => p.Id));
        Assert.True(await f.Store.ClaimAsync(maria, "process-a", Now.AddMinutes(1), Now.AddMinutes(6)));
    }

    [Theory]
    [BothDatabases]
    public async Task ChangingStateIsCompareAndSetAndStartingADraftMakesItsPatientsDueThen(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.Store.CreateAsync(CampaignFixture.Campaign(), [CampaignFixture.Maria, CampaignFixture.Leo], [], []);
        Assert.All(await f.Store.PatientsAsync(campaign), p => Assert.Null(p.NextAt));
        var start = Now.AddMinutes(10);

        Assert.False(await f.Store.ChangeStateAsync(campaign, CampaignState.Running, CampaignState.Paused, Now));
        Assert.True(await f.Store.ChangeStateAsync(campaign, CampaignState.Draft, CampaignState.Running, start));
        Assert.False(await f.SecondProcess().ChangeStateAsync(campaign, CampaignState.Draft, CampaignState.Running, start.AddMinutes(1)));

        var stored = await f.Store.GetAsync(campaign);
        Assert.Equal((CampaignState.Running, start, (DateTimeOffset?)null), (stored!.State, stored.StartedAt!.Value, stored.EndedAt));
        Assert.All(await f.Store.PatientsAsync(campaign), p => Assert.Equal(start, p.NextAt));
        Assert.Empty(await f.Store.DueAsync(start.AddSeconds(-1), 10));
        Assert.Equal(2, (await f.Store.DueAsync(start, 10)).Count);

        Assert.True(await f.Store.ChangeStateAsync(campaign, CampaignState.Running, CampaignState.Cancelled, start.AddHours(1)));
        var cancelled = await f.Store.GetAsync(campaign);
        Assert.Equal((CampaignState.Cancelled, start, start.AddHours(1)), (cancelled!.State, cancelled.StartedAt!.Value, cancelled.EndedAt!.Value));
        Assert.False(await f.Store.ChangeStateAsync(campaign, CampaignState.Running, CampaignState.Finished, start.AddHours(2)));
    }

    [Theory]
    [BothDatabases]
    public async Task DueIsSoonestFirstAndLimited(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var early = await f.RunningAsync([CampaignFixture.Maria], Now.AddMinutes(-5));
        var late = await f.RunningAsync([CampaignFixture.Leo, CampaignFixture.Ana], Now);

        var due = await f.Store.DueAsync(Now, 2);

        Assert.Equal([await f.PatientIdAsync(early, CampaignFixture.Maria), await f.PatientIdAsync(late, CampaignFixture.Leo)], due.Select(p => p.Id));
        Assert.Equal("Maria Lopez", due[0].Patient.Name);
    }
}
