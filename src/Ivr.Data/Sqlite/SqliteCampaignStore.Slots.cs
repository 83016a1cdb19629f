using Dapper;
using Ivr.Domain.Outbound;

namespace Ivr.Data;

/// <summary>A campaign's slots: every one for the portal, the EHR's mirrored in, and one given back.</summary>
public sealed partial class SqliteCampaignStore
{
    private const string SlotColumns = "id, campaign_id, starts_at, clinician, taken_by, ehr_slot_id";

    public async Task<IReadOnlyList<CampaignSlot>> SlotsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SlotRow>(new CommandDefinition(
            $"SELECT {SlotColumns} FROM campaign_slots WHERE campaign_id = @campaignId ORDER BY starts_at, id",
            new { campaignId },
            cancellationToken: cancellationToken));
        return rows.Select(Slot).ToList();
    }

    public async Task<bool> ReleaseSlotAsync(long slotId, long patientId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var released = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaign_slots SET taken_by = NULL, taken_at = NULL WHERE id = @slotId AND taken_by = @patientId",
            new { slotId, patientId },
            transaction,
            cancellationToken: cancellationToken));
        if (released == 1)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE campaign_patients SET progress = '{nameof(PatientProgress.Trying)}', slot_id = NULL, confirmed_how = NULL, confirmed_at = NULL WHERE id = @patientId AND slot_id = @slotId",
                new { slotId, patientId },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return released == 1;
    }

    public async Task MirrorEhrSlotsAsync(long campaignId, IReadOnlyList<(string EhrSlotId, DateTime StartsAt, string? Clinician)> free, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(free);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        // Two servers mirroring one campaign at once take turns (SQLite's write lock already makes them).
        await database.SerializeAsync(connection, transaction, "campaign_slots", cancellationToken);
        var listed = free.Select(s => s.EhrSlotId).ToHashSet(StringComparer.Ordinal);
        var known = (await connection.QueryAsync<(long Id, string EhrSlotId)>(new CommandDefinition(
            "SELECT id, ehr_slot_id FROM campaign_slots WHERE campaign_id = @campaignId AND ehr_slot_id IS NOT NULL AND taken_by IS NULL",
            new { campaignId },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var gone in known.Where(k => !listed.Contains(k.EhrSlotId)))
        {
            // No longer free in the EHR (booked there by someone else): not offered again. A taken one stays, it is a patient's.
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM campaign_slots WHERE id = @id AND taken_by IS NULL",
                new { id = gone.Id },
                transaction,
                cancellationToken: cancellationToken));
        }

        foreach (var slot in free)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO campaign_slots (campaign_id, starts_at, clinician, ehr_slot_id) VALUES (@campaignId, @startsAt, @clinician, @ehrSlotId)
                ON CONFLICT (campaign_id, ehr_slot_id) WHERE ehr_slot_id IS NOT NULL DO UPDATE SET starts_at = excluded.starts_at, clinician = excluded.clinician
                """,
                new { campaignId, startsAt = WriteLocal(slot.StartsAt), clinician = slot.Clinician, ehrSlotId = slot.EhrSlotId },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static CampaignSlot Slot(SlotRow row) => new(row.id, row.campaign_id, ReadLocal(row.starts_at), row.clinician, row.taken_by, row.ehr_slot_id);

    private sealed record SlotRow(long id, long campaign_id, string starts_at, string? clinician, long? taken_by, string? ehr_slot_id);
}
