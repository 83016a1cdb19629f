using System.Security.Cryptography;
using System.Text;
using Dapper;
using Ivr.Domain.Scheduling;

namespace Ivr.Data;

/// <summary>
/// Calendar-feed tokens in SQLite: found by their SHA-256 (a copy of the database opens no feed) and kept
/// otherwise only encrypted, bound to the clinician's row, so the page can show the address to its owner again.
/// </summary>
public sealed class SqliteCalendarFeedStore(Database database, PhiProtector protector) : ICalendarFeedStore
{
    private const string Columns = "practice_id, clinician_id, token_enc, account_id, created_at";

    public async Task<CalendarFeed?> GetAsync(string practiceId, string clinicianId, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM calendar_feeds WHERE practice_id = @practiceId AND clinician_id = @clinicianId", new { practiceId, clinicianId }, cancellationToken);

    public async Task<CalendarFeed?> FindAsync(string token, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM calendar_feeds WHERE token_hash = @hash", new { hash = Hash(token) }, cancellationToken);

    public async Task SaveAsync(CalendarFeed feed, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO calendar_feeds (practice_id, clinician_id, token_hash, token_enc, account_id, created_at) VALUES (@PracticeId, @ClinicianId, @hash, @enc, @AccountId, @createdAt)
            ON CONFLICT (practice_id, clinician_id) DO UPDATE SET token_hash = excluded.token_hash, token_enc = excluded.token_enc, account_id = excluded.account_id, created_at = excluded.created_at
            """,
            new { feed.PracticeId, feed.ClinicianId, hash = Hash(feed.Token), enc = protector.Protect(feed.Token, "calendar_feeds", "token", Row(feed.PracticeId, feed.ClinicianId)), feed.AccountId, createdAt = Time.Write(feed.CreatedAt) },
            cancellationToken: cancellationToken));
    }

    /// <summary>The row id a feed's encrypted token is bound to.</summary>
    public static string Row(string practiceId, string clinicianId) => practiceId + "/" + clinicianId;

    /// <summary>Lowercase hex SHA-256 of the token: 256 random bits need no salt or slow hash.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<CalendarFeed?> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<FeedRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new CalendarFeed(row.practice_id, row.clinician_id, protector.Unprotect(row.token_enc, "calendar_feeds", "token", Row(row.practice_id, row.clinician_id))!, Time.Read(row.created_at)) { AccountId = row.account_id };
    }

    private sealed record FeedRow(string practice_id, string clinician_id, string token_enc, long? account_id, string created_at);
}
