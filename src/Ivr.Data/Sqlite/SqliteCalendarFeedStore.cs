using Dapper;
using Ivr.Domain.Scheduling;

namespace Ivr.Data;

/// <summary>Calendar-feed tokens in SQLite.</summary>
public sealed class SqliteCalendarFeedStore(SqliteDatabase database) : ICalendarFeedStore
{
    private const string Columns = "practice_id, clinician_id, token, created_at";

    public async Task<CalendarFeed?> GetAsync(string practiceId, string clinicianId, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM calendar_feeds WHERE practice_id = @practiceId AND clinician_id = @clinicianId", new { practiceId, clinicianId }, cancellationToken);

    public async Task<CalendarFeed?> FindAsync(string token, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns} FROM calendar_feeds WHERE token = @token", new { token }, cancellationToken);

    public async Task SaveAsync(CalendarFeed feed, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO calendar_feeds (practice_id, clinician_id, token, created_at) VALUES (@PracticeId, @ClinicianId, @Token, @createdAt)
            ON CONFLICT (practice_id, clinician_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at
            """,
            new { feed.PracticeId, feed.ClinicianId, feed.Token, createdAt = Time.Write(feed.CreatedAt) },
            cancellationToken: cancellationToken));
    }

    private async Task<CalendarFeed?> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<FeedRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return row is null ? null : new CalendarFeed(row.practice_id, row.clinician_id, row.token, Time.Read(row.created_at));
    }

    private sealed record FeedRow(string practice_id, string clinician_id, string token, string created_at);
}
