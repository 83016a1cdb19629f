using Dapper;
using Ivr.Domain.Desk;

namespace Ivr.Data;

/// <summary>
/// The desk's queue across the service processes sharing the database, one row per waiting caller by their call id,
/// written by the process holding them; claims are compare-and-set updates, so two processes never win one caller.
/// </summary>
public sealed class SqliteDeskQueueStore(Database database) : IDeskQueueStore
{
    private const string Columns = "q.call_id, q.agi_url, q.line, q.urgent, q.queued_at, q.movable, q.claimed_by, q.claimed_at";

    /// <summary>
    /// The queue's order on a line: urgent first, then earliest queued, then by call id. Ordered here, not in SQL:
    /// PostgreSQL sorts text by its database's locale, SQLite by bytes.
    /// </summary>
    private static readonly Comparer<DeskQueueEntry> QueueOrder = Comparer<DeskQueueEntry>.Create((a, b) =>
        b.Urgent.CompareTo(a.Urgent) is var urgent and not 0 ? urgent
        : a.QueuedAt.CompareTo(b.QueuedAt) is var queued and not 0 ? queued
        : string.CompareOrdinal(a.CallId, b.CallId));

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An entry is held by another address than <paramref name="agiUrl"/>, or two entries are one caller.</exception>
    public async Task PublishAsync(string agiUrl, IReadOnlyList<DeskQueueEntry> waiting, CancellationToken cancellationToken = default)
    {
        if (waiting.FirstOrDefault(e => e.AgiUrl != agiUrl) is { } stranger)
        {
            throw new ArgumentException($"Caller {stranger.CallId} is held by {stranger.AgiUrl}, not by {agiUrl} publishing its queue.", nameof(waiting));
        }

        if (waiting.GroupBy(e => e.CallId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Caller {twice.Key} is in the queue {agiUrl} publishes more than once.", nameof(waiting));
        }

        var callIds = waiting.Select(e => e.CallId).ToArray();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM desk_queue WHERE agi_url = @agiUrl AND NOT ({database.AnyOf("call_id", "@callIds")})",
            new { agiUrl, callIds },
            transaction,
            cancellationToken: cancellationToken));

        // A claim is kept while the same process holds the caller; one who comes from another process starts unclaimed.
        // The rows are written in one order (by call id) so that two processes' writes cannot wait on each other.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO desk_queue (call_id, agi_url, line, urgent, queued_at, movable, claimed_by, claimed_at)
            VALUES (@callId, @agiUrl, @line, @urgent, @queuedAt, @movable, NULL, NULL)
            ON CONFLICT (call_id) DO UPDATE SET
                claimed_by = CASE WHEN desk_queue.agi_url <> excluded.agi_url THEN NULL ELSE desk_queue.claimed_by END,
                claimed_at = CASE WHEN desk_queue.agi_url <> excluded.agi_url THEN NULL ELSE desk_queue.claimed_at END,
                agi_url = excluded.agi_url, line = excluded.line, urgent = excluded.urgent,
                queued_at = excluded.queued_at, movable = excluded.movable
            """,
            waiting
                .OrderBy(e => e.CallId, StringComparer.Ordinal)
                .Select(e => new { callId = e.CallId, agiUrl, line = Word(e.Line), urgent = e.Urgent ? 1 : 0, queuedAt = Time.Write(e.QueuedAt), movable = e.Movable ? 1 : 0 })
                .ToArray(),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeskQueueEntry>> ClaimAsync(
        string claimer,
        DeskLine line,
        int wanted,
        DateTimeOffset now,
        DateTimeOffset holderFreshSince,
        DateTimeOffset claimFreshSince,
        IReadOnlyCollection<string>? arriving = null,
        CancellationToken cancellationToken = default)
    {
        var lineWord = Word(line);
        var claimFresh = Time.Write(claimFreshSince);
        await using var connection = await database.OpenAsync(cancellationToken);
        var held = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT call_id FROM desk_queue WHERE claimed_by = @claimer AND line = @lineWord AND claimed_at >= @claimFresh",
            new { claimer, lineWord, claimFresh },
            cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        held.UnionWith(arriving ?? []);
        var need = wanted - held.Count;
        if (need <= 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<QueueRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM desk_queue q JOIN desk_presence p ON p.agi_url = q.agi_url
            WHERE q.line = @lineWord AND q.agi_url <> @claimer AND q.movable = 1 AND p.seen_at >= @holderFresh
                AND (q.claimed_by IS NULL OR q.claimed_at < @claimFresh)
            """,
            new { lineWord, claimer, holderFresh = Time.Write(holderFreshSince), claimFresh },
            cancellationToken: cancellationToken));

        // Each claim is its own statement, which takes the row only if nobody has taken it since it was read: of two
        // processes claiming one caller at once, the second finds the row claimed and goes on down the queue. No
        // transaction around them: a claimer holds one row's lock at a time, so it never waits in a circle with another.
        var at = Time.Write(now);
        var claimed = new List<DeskQueueEntry>();
        foreach (var candidate in rows.Select(Entry).Order(QueueOrder))
        {
            if (claimed.Count >= need)
            {
                break;
            }

            var taken = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE desk_queue SET claimed_by = @claimer, claimed_at = @at
                WHERE call_id = @CallId AND agi_url = @AgiUrl AND movable = 1 AND (claimed_by IS NULL OR claimed_at < @claimFresh)
                """,
                new { claimer, at, candidate.CallId, candidate.AgiUrl, claimFresh },
                cancellationToken: cancellationToken));
            if (taken == 1)
            {
                claimed.Add(candidate with { ClaimedBy = claimer, ClaimedAt = Time.Read(at) });
            }
        }

        return claimed;
    }

    public async Task<IReadOnlyDictionary<string, string>> ClaimsOnAsync(string agiUrl, DateTimeOffset claimFreshSince, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClaimRow>(new CommandDefinition(
            "SELECT call_id, claimed_by FROM desk_queue WHERE agi_url = @agiUrl AND claimed_by IS NOT NULL AND claimed_at >= @claimFresh",
            new { agiUrl, claimFresh = Time.Write(claimFreshSince) },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.call_id, r => r.claimed_by, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<DeskQueueEntry>> WaitingAsync(DateTimeOffset holderFreshSince, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<QueueRow>(new CommandDefinition(
            $"SELECT {Columns} FROM desk_queue q JOIN desk_presence p ON p.agi_url = q.agi_url WHERE p.seen_at >= @holderFresh",
            new { holderFresh = Time.Write(holderFreshSince) },
            cancellationToken: cancellationToken));
        return rows.Select(Entry).OrderBy(e => e.Line).ThenBy(e => e, QueueOrder).ToList();
    }

    public async Task WithdrawAsync(string agiUrl, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM desk_queue WHERE agi_url = @agiUrl", new { agiUrl }, cancellationToken: cancellationToken));
    }

    private static string Word(DeskLine line) => line switch
    {
        DeskLine.Operators => "operators",
        DeskLine.Nurses => "nurses",
        _ => throw new ArgumentOutOfRangeException(nameof(line), line, "The desk has no such line."),
    };

    private static DeskLine ReadLine(string word, string callId) => word switch
    {
        "operators" => DeskLine.Operators,
        "nurses" => DeskLine.Nurses,
        _ => throw new DataException($"Queued caller {callId} waits on the unknown line '{word}'."),
    };

    private static DeskQueueEntry Entry(QueueRow r) => new(
        r.call_id,
        r.agi_url,
        ReadLine(r.line, r.call_id),
        r.urgent != 0,
        Time.Read(r.queued_at),
        r.movable != 0,
        r.claimed_by,
        Time.ReadNullable(r.claimed_at));

    private sealed record QueueRow(string call_id, string agi_url, string line, long urgent, string queued_at, long movable, string? claimed_by, string? claimed_at);

    private sealed record ClaimRow(string call_id, string claimed_by);
}
