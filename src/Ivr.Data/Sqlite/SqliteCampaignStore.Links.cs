using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Ivr.Domain.Outbound;
using System.Data.Common;

namespace Ivr.Data;

/// <summary>Slots, opt-outs and email links.</summary>
public sealed partial class SqliteCampaignStore
{
    private const string OptOutsTable = "campaign_opt_outs";

    /// <summary>
    /// Also stops, at once, every patient with that number still to be called on the practice's campaigns (their
    /// calls in progress finish; the outcome leaves them opted out).
    /// </summary>
    public async Task OptOutAsync(string practiceId, string phone, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var hashes = protector.Indexes(phone, PhoneIndex);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        await database.SerializeAsync(connection, transaction, "campaign_opt_outs", cancellationToken);
        var row = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"""
            INSERT INTO campaign_opt_outs (practice_id, phone_hash, opted_out_at)
            SELECT @practiceId, @hash, @at WHERE NOT EXISTS (SELECT 1 FROM campaign_opt_outs WHERE practice_id = @practiceId AND {database.AnyOf("phone_hash", "@hashes")})
            RETURNING id
            """,
            new { practiceId, hash = hashes[0], hashes, at = Time.Write(at) },
            transaction,
            cancellationToken: cancellationToken));
        if (row is { } id)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE campaign_opt_outs SET phone_enc = @phone WHERE id = @id",
                new { id, phone = protector.Protect(phone, OptOutsTable, "phone", id.ToString(CultureInfo.InvariantCulture)) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE campaign_patients SET progress = '{nameof(PatientProgress.OptedOut)}', next_at = NULL, held_by = 'opt-out', held_why = @why
            WHERE {database.AnyOf("phone_hash", "@hashes")} AND progress IN {ToCall} AND campaign_id IN (SELECT id FROM campaigns WHERE practice_id = @practiceId)
            """,
            new { practiceId, hashes, why = $"the number asked to stop these calls on {at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> OptedOutAtAsync(string practiceId, string phone, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var at = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MIN(opted_out_at) FROM campaign_opt_outs WHERE practice_id = @practiceId AND " + database.AnyOf("phone_hash", "@hashes"),
            new { practiceId, hashes = protector.Indexes(phone, PhoneIndex) },
            cancellationToken: cancellationToken));
        return Time.ReadNullable(at);
    }

    public async Task<IReadOnlyList<CampaignSlot>> OpenSlotsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SlotRow>(new CommandDefinition(
            $"SELECT {SlotColumns} FROM campaign_slots WHERE campaign_id = @campaignId AND taken_by IS NULL ORDER BY starts_at, id",
            new { campaignId },
            cancellationToken: cancellationToken));
        return rows.Select(Slot).ToList();
    }

    public async Task<bool> TakeSlotAsync(long slotId, long patientId, string how, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);

        // One conditional UPDATE in an immediate transaction: of two patients racing, the second finds it taken.
        var taken = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE campaign_slots SET taken_by = @patientId, taken_at = @at
            WHERE id = @slotId AND taken_by IS NULL
                AND campaign_id = (SELECT campaign_id FROM campaign_patients WHERE id = @patientId)
                AND NOT EXISTS (SELECT 1 FROM campaign_slots WHERE taken_by = @patientId)
            """,
            new { slotId, patientId, at = Time.Write(at) },
            transaction,
            cancellationToken: cancellationToken));
        if (taken == 1)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE campaign_patients SET progress = '{nameof(PatientProgress.Rescheduled)}', slot_id = @slotId, next_at = NULL, confirmed_how = @how, confirmed_at = @at WHERE id = @patientId",
                new { slotId, patientId, how, at = Time.Write(at) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return taken == 1;
    }

    /// <summary>Only patients still to be called: one who confirmed, rescheduled or opted out needs no link.</summary>
    public Task<IReadOnlyList<CampaignPatientRecord>> UnmailedAsync(int limit, CancellationToken cancellationToken = default) =>
        PatientsWhereAsync(
            $"""
            p.email_enc IS NOT NULL AND p.mailed_at IS NULL AND p.progress IN {ToCall}
                AND p.campaign_id IN (SELECT id FROM campaigns WHERE state = '{Running}')
            ORDER BY p.id LIMIT @limit
            """,
            new { limit },
            cancellationToken);

    public async Task<string?> IssueLinkAsync(long patientId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return await ExecuteAsync(
            "UPDATE campaign_patients SET mailed_at = @at, link_hash = @hash WHERE id = @patientId AND mailed_at IS NULL",
            new { patientId, at = Time.Write(at), hash = LinkHash(token) },
            cancellationToken) == 1 ? token : null;
    }

    public async Task<CampaignPatientRecord?> PatientByLinkAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await PatientsWhereAsync(
            $"""
            p.link_hash = @hash AND p.link_spent_at IS NULL
                AND p.campaign_id IN (SELECT id FROM campaigns WHERE state IN ('{Running}', '{Paused}') AND ends_by > @now)
            """,
            new { hash = LinkHash(token), now = Time.Write(now) },
            cancellationToken)).SingleOrDefault();

    public async Task<bool> SpendLinkAsync(string token, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            "UPDATE campaign_patients SET link_spent_at = @at WHERE link_hash = @hash AND link_spent_at IS NULL",
            new { hash = LinkHash(token), at = Time.Write(at) },
            cancellationToken) == 1;

    /// <summary>Lowercase hex SHA-256 of the token: 256 random bits need no salt or slow hash.</summary>
    private static string LinkHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

}
