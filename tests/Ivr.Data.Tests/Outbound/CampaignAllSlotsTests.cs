using Ivr.Domain.Outbound;

namespace Ivr.Data.Tests.Outbound;

/// <summary>Needs a temporary SQLite file: every slot of a campaign, the taken ones with who took them, for the portal.</summary>
public sealed class CampaignAllSlotsTests
{
    private static readonly DateTime Monday9 = new(2026, 12, 7, 9, 0, 0);
    private static readonly DateTime Monday10 = new(2026, 12, 7, 10, 0, 0);

    [Theory]
    [BothDatabases]
    public async Task EverySlotComesBackSoonestFirstTakenOrNotAndOnlyTheCampaignsOwn(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria], campaign: CampaignFixture.Campaign(kind: CampaignKind.Reschedule), slots: [Monday10, Monday9]);
        var other = await f.RunningAsync([CampaignFixture.Leo], campaign: CampaignFixture.Campaign(kind: CampaignKind.Reschedule), slots: [Monday9]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        var open = await f.Store.OpenSlotsAsync(campaign);
        Assert.True(await f.Store.TakeSlotAsync(open[1].Id, maria, "call", CampaignFixture.Now));

        var slots = await f.Store.SlotsAsync(campaign);

        Assert.Equal([Monday9, Monday10], slots.Select(s => s.StartsAt));
        Assert.Equal([null, maria], slots.Select(s => s.TakenBy));
        Assert.All(slots, s => Assert.Equal(campaign, s.CampaignId));
        Assert.Single(await f.Store.SlotsAsync(other));
    }
}
