using Dapper;
using Ivr.Domain.Desk;

namespace Ivr.Data;

/// <summary>The service processes' desks in the shared database, one row per FastAGI address.</summary>
public sealed class SqliteDeskPresenceStore(Database database) : IDeskPresenceStore
{
    public async Task PublishAsync(DeskPresence presence, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO desk_presence (agi_url, operators, nurses, operators_free, nurses_free, seen_at) VALUES (@AgiUrl, @Operators, @Nurses, @OperatorsFree, @NursesFree, @seenAt)
            ON CONFLICT (agi_url) DO UPDATE SET operators = excluded.operators, nurses = excluded.nurses,
                operators_free = excluded.operators_free, nurses_free = excluded.nurses_free, seen_at = excluded.seen_at
            """,
            new { presence.AgiUrl, presence.Operators, presence.Nurses, presence.OperatorsFree, presence.NursesFree, seenAt = Time.Write(presence.SeenAt) },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<DeskPresence>> OthersAsync(string self, DateTimeOffset freshSince, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PresenceRow>(new CommandDefinition(
            "SELECT agi_url, operators, nurses, operators_free, nurses_free, seen_at FROM desk_presence WHERE agi_url <> @self AND seen_at >= @freshSince",
            new { self, freshSince = Time.Write(freshSince) },
            cancellationToken: cancellationToken));

        // Ordered here, not in SQL: PostgreSQL sorts text by its database's locale, SQLite by bytes.
        return rows
            .Select(r => new DeskPresence(r.agi_url, checked((int)r.operators), checked((int)r.nurses), Time.Read(r.seen_at), checked((int)r.operators_free), checked((int)r.nurses_free)))
            .OrderByDescending(p => p.Operators)
            .ThenByDescending(p => p.Nurses)
            .ThenBy(p => p.AgiUrl, StringComparer.Ordinal)
            .ToList();
    }

    public async Task WithdrawAsync(string agiUrl, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM desk_presence WHERE agi_url = @agiUrl", new { agiUrl }, cancellationToken: cancellationToken));
    }

    private sealed record PresenceRow(string agi_url, long operators, long nurses, long operators_free, long nurses_free, string seen_at);
}
