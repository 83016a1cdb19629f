using Ivr.Domain.Outbound;

namespace Ivr.Data.Tests.Outbound;

/// <summary>
/// Needs a temporary SQLite file: a slot goes to one patient only and a patient holds one slot; an email link is made
/// once, works once, only until its campaign ends, and is kept only as its hash.
/// </summary>
public sealed class CampaignSlotAndLinkTests
{
    private static readonly DateTimeOffset Now = CampaignFixture.Now;
    private static readonly DateTime Monday9 = new(2026, 12, 7, 9, 0, 0);
    private static readonly DateTime Monday10 = new(2026, 12, 7, 10, 0, 0);

    [Theory]
    [BothDatabases]
    public async Task TwoPatientsRacingForOneSlotFromTwoProcessesOnlyOneGetsIt(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria, CampaignFixture.Leo], campaign: CampaignFixture.Campaign(kind: CampaignKind.Reschedule), slots: [Monday10, Monday9]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        var leo = await f.PatientIdAsync(campaign, CampaignFixture.Leo);
        var slot = (await f.Store.OpenSlotsAsync(campaign))[0];
        var other = f.SecondProcess();

        var results = await Task.WhenAll(
            Task.Run(() => f.Store.TakeSlotAsync(slot.Id, maria, "call", Now)),
            Task.Run(() => other.TakeSlotAsync(slot.Id, leo, "call", Now)));

        Assert.Single(results, won => won);
        var winner = results[0] ? maria : leo;
        var loser = results[0] ? leo : maria;
        var record = await f.Store.PatientAsync(winner);
        Assert.Equal((PatientProgress.Rescheduled, slot.Id, "call", Now, (DateTimeOffset?)null), (record!.Progress, record.SlotId!.Value, record.ConfirmedHow!, record.ConfirmedAt!.Value, record.NextAt));
        Assert.Equal((PatientProgress.Waiting, (long?)null), ((await f.Store.PatientAsync(loser))!.Progress, (await f.Store.PatientAsync(loser))!.SlotId));
        Assert.Equal([Monday10], (await f.Store.OpenSlotsAsync(campaign)).Select(s => s.StartsAt));
    }

    [Theory]
    [BothDatabases]
    public async Task APatientCannotTakeASecondSlotNorOneOfAnotherCampaign(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria], campaign: CampaignFixture.Campaign(kind: CampaignKind.Reschedule), slots: [Monday9, Monday10]);
        var other = await f.RunningAsync([CampaignFixture.Leo], campaign: CampaignFixture.Campaign(kind: CampaignKind.Reschedule), slots: [Monday9]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        var slots = await f.Store.OpenSlotsAsync(campaign);

        Assert.False(await f.Store.TakeSlotAsync((await f.Store.OpenSlotsAsync(other))[0].Id, maria, "email link", Now));
        Assert.True(await f.Store.TakeSlotAsync(slots[0].Id, maria, "email link", Now));
        Assert.False(await f.Store.TakeSlotAsync(slots[1].Id, maria, "email link", Now.AddMinutes(1)));

        Assert.Equal([slots[1]], await f.Store.OpenSlotsAsync(campaign));
        Assert.Equal(slots[0].Id, (await f.Store.PatientAsync(maria))!.SlotId);
        Assert.Single(await f.Store.OpenSlotsAsync(other));
    }

    [Theory]
    [BothDatabases]
    public async Task SlotsComeBackSoonestFirstWithTheirClinicianOnThePracticesClock(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.Store.CreateAsync(CampaignFixture.Campaign(kind: CampaignKind.Reschedule), [], [Monday10, Monday9], ["Dr. Lee", null]);

        var slots = await f.Store.OpenSlotsAsync(campaign);

        Assert.Equal([(Monday9, (string?)null, (long?)null), (Monday10, "Dr. Lee", null)], slots.Select(s => (s.StartsAt, s.Clinician, s.TakenBy)));
        Assert.All(slots, s => Assert.Equal((campaign, DateTimeKind.Unspecified), (s.CampaignId, s.StartsAt.Kind)));
        await Assert.ThrowsAsync<ArgumentException>(() => f.Store.CreateAsync(CampaignFixture.Campaign(), [], [Monday9], []));
    }

    [Theory]
    [BothDatabases]
    public async Task ALinkWorksOnceAndOnlyItsHashIsInTheFile(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);

        var token = await f.Store.IssueLinkAsync(maria, Now);

        Assert.NotNull(token);
        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.Equal(maria, (await f.Store.PatientByLinkAsync(token, Now.AddMinutes(1)))!.Id);
        Assert.Null(await f.Store.PatientByLinkAsync(token + "x", Now.AddMinutes(1)));
        Assert.True(await f.Store.SpendLinkAsync(token, Now.AddMinutes(2)));
        Assert.False(await f.SecondProcess().SpendLinkAsync(token, Now.AddMinutes(3)));
        Assert.Null(await f.Store.PatientByLinkAsync(token, Now.AddMinutes(3)));
        var file = f.RawFile();
        Assert.Contains("Dr. Rivera out Friday December 4", file, StringComparison.Ordinal);
        Assert.DoesNotContain(token, file, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CampaignState.Cancelled)]
    [InlineData(CampaignState.Finished)]
    public async Task ALinkStopsWorkingOnceItsCampaignIsOver(CampaignState over)
    {
        using var f = await CampaignFixture.CreateAsync();
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        var token = (await f.Store.IssueLinkAsync(await f.PatientIdAsync(campaign, CampaignFixture.Maria), Now))!;
        Assert.True(await f.Store.ChangeStateAsync(campaign, CampaignState.Running, CampaignState.Paused, Now));
        Assert.NotNull(await f.Store.PatientByLinkAsync(token, Now));

        Assert.True(await f.Store.ChangeStateAsync(campaign, CampaignState.Paused, over, Now.AddMinutes(1)));

        Assert.Null(await f.Store.PatientByLinkAsync(token, Now.AddMinutes(1)));
    }

    [Theory]
    [BothDatabases]
    public async Task ALinkStopsWorkingAtTheCampaignsEnd(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var endsBy = Now.AddDays(1);
        var campaign = await f.RunningAsync([CampaignFixture.Maria], campaign: CampaignFixture.Campaign(endsBy: endsBy));
        var token = (await f.Store.IssueLinkAsync(await f.PatientIdAsync(campaign, CampaignFixture.Maria), Now))!;

        Assert.NotNull(await f.Store.PatientByLinkAsync(token, endsBy.AddSeconds(-1)));
        Assert.Null(await f.Store.PatientByLinkAsync(token, endsBy));
    }

    [Theory]
    [BothDatabases]
    public async Task UnmailedListsPatientsWithAnEmailOfRunningCampaignsAndALinkIsNeverIssuedTwice(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria, CampaignFixture.Leo, CampaignFixture.Ana]);
        await f.Store.CreateAsync(CampaignFixture.Campaign(), [CampaignFixture.Maria], [], []);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        var ana = await f.PatientIdAsync(campaign, CampaignFixture.Ana);

        Assert.Equal([maria, ana], (await f.Store.UnmailedAsync(10)).Select(p => p.Id));
        Assert.Equal([maria], (await f.Store.UnmailedAsync(1)).Select(p => p.Id));
        var tokens = await Task.WhenAll(
            Task.Run(() => f.Store.IssueLinkAsync(maria, Now)),
            Task.Run(() => f.SecondProcess().IssueLinkAsync(maria, Now)));

        Assert.Single(tokens, t => t is not null);
        Assert.Null(await f.Store.IssueLinkAsync(maria, Now.AddMinutes(1)));
        Assert.Equal([ana], (await f.Store.UnmailedAsync(10)).Select(p => p.Id));
        Assert.True(await f.Store.MarkConfirmedAsync(ana, "staff: reached at the front desk", Now));
        Assert.Empty(await f.Store.UnmailedAsync(10));
    }
}
