using Dapper;
using Ivr.Domain.Outbound;

namespace Ivr.Data;

/// <summary>Every slot of a campaign, taken or not, for the portal.</summary>
public sealed partial class SqliteCampaignStore
{
    public async Task<IReadOnlyList<CampaignSlot>> SlotsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SlotRow>(new CommandDefinition(
            "SELECT id, campaign_id, starts_at, clinician, taken_by FROM campaign_slots WHERE campaign_id = @campaignId ORDER BY starts_at, id",
            new { campaignId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new CampaignSlot(r.id, r.campaign_id, ReadLocal(r.starts_at), r.clinician, r.taken_by)).ToList();
    }
}
