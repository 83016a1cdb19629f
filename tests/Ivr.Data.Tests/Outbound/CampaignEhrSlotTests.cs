using Ivr.Domain.Outbound;

namespace Ivr.Data.Tests.Outbound;

/// <summary>Needs a temporary database (SQLite and PostgreSQL): a reschedule campaign's mirror of its practice's free EHR Slots, and a slot given back when the EHR would not book it.</summary>
public sealed class CampaignEhrSlotTests
{
    private static readonly DateTimeOffset Now = CampaignFixture.Now;
    private static readonly DateTime Monday9 = new(2026, 12, 7, 9, 0, 0);
    private static readonly DateTime Monday10 = new(2026, 12, 7, 10, 0, 0);
    private static readonly DateTime Tuesday9 = new(2026, 12, 8, 9, 0, 0);

    [Theory]
    [BothDatabases]
    public async Task TheMirrorAddsNewSlotsDropsThoseNoLongerFreeAndKeepsTypedAndTakenOnes(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria], campaign: CampaignFixture.Campaign(kind: CampaignKind.Reschedule), slots: [Tuesday9]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        await f.Store.MirrorEhrSlotsAsync(campaign, [("a", Monday9, "Dr. Lee"), ("b", Monday10, null)]);
        var a = (await f.Store.OpenSlotsAsync(campaign)).Single(s => s.EhrSlotId == "a");
        Assert.True(await f.Store.TakeSlotAsync(a.Id, maria, "call", Now));

        // The EHR lists neither a (ours now, busy there) nor b (booked by another caller) as free, and a new one c.
        await f.Store.MirrorEhrSlotsAsync(campaign, [("c", Monday10, "Dr. Lee")]);
        await f.Store.MirrorEhrSlotsAsync(campaign, [("c", Monday10, "Dr. Lee")]);

        var all = await f.Store.SlotsAsync(campaign);
        Assert.Equal([(null, Tuesday9, null), ("a", Monday9, (long?)maria), ("c", Monday10, null)], all.OrderBy(s => s.Id).Select(s => (s.EhrSlotId, s.StartsAt, s.TakenBy)));
        Assert.Equal("Dr. Lee", all.Single(s => s.EhrSlotId == "c").Clinician);
    }

    [Theory]
    [BothDatabases]
    public async Task ASlotGivenBackIsOpenAgainAndThePatientIsToBeCalledAgainWithNoSlot(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria, CampaignFixture.Leo], campaign: CampaignFixture.Campaign(kind: CampaignKind.Reschedule), slots: [Monday9]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        var leo = await f.PatientIdAsync(campaign, CampaignFixture.Leo);
        var slot = Assert.Single(await f.Store.OpenSlotsAsync(campaign));
        Assert.True(await f.Store.TakeSlotAsync(slot.Id, maria, "call", Now));

        Assert.False(await f.Store.ReleaseSlotAsync(slot.Id, leo));
        Assert.True(await f.Store.ReleaseSlotAsync(slot.Id, maria));
        Assert.False(await f.Store.ReleaseSlotAsync(slot.Id, maria));

        var record = await f.Store.PatientAsync(maria);
        Assert.Equal((PatientProgress.Trying, (long?)null, (string?)null), (record!.Progress, record.SlotId, record.ConfirmedHow));
        Assert.Equal([slot.Id], (await f.Store.OpenSlotsAsync(campaign)).Select(s => s.Id));
        Assert.True(await f.Store.TakeSlotAsync(slot.Id, leo, "email link", Now));
    }
}
