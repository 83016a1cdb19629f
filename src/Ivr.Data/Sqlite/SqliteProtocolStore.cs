using Dapper;
using Ivr.Domain.Triage;
using System.Data.Common;

namespace Ivr.Data;

/// <summary>Every version of every triage protocol in SQLite (<c>triage_protocols</c>); the order of import decides which is the latest.</summary>
public sealed class SqliteProtocolStore(Database database) : IProtocolStore
{
    public async Task<IReadOnlyList<ProtocolImport>> ImportAsync(IReadOnlyList<TriageProtocol> protocols, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        foreach (var protocol in protocols)
        {
            if (ProtocolRules.Check(protocol) is [var first, ..])
            {
                throw new ArgumentException($"protocol '{protocol.Id}': {first}", nameof(protocols));
            }
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        await database.SerializeAsync(connection, transaction, "triage_protocols", cancellationToken);
        var results = new List<ProtocolImport>();
        foreach (var protocol in protocols)
        {
            var stored = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT definition FROM triage_protocols WHERE id = @Id AND version = @Version", new { protocol.Id, protocol.Version }, transaction, cancellationToken: cancellationToken));
            if (stored is not null)
            {
                // The whole import is refused (the transaction is not committed): nothing from these files is kept.
                results.Add(TriageJson.Protocol(stored).SameContentAs(protocol) ? new ProtocolImport(protocol.Id, protocol.Version, Added: false) : throw new ProtocolConflictException(protocol.Id, protocol.Version));
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO triage_protocols (id, version, title, audience, example, questions, definition, imported_at, imported_by)
                VALUES (@Id, @Version, @Title, @Audience, @Example, @Questions, @Definition, @At, @By)
                """,
                new
                {
                    protocol.Id,
                    protocol.Version,
                    protocol.Title,
                    Audience = protocol.Audience.ToString(),
                    Example = protocol.IsExample ? 1 : 0,
                    Questions = protocol.Questions.Count,
                    Definition = TriageJson.Write(protocol),
                    At = Time.Write(at),
                    By = by,
                },
                transaction,
                cancellationToken: cancellationToken));
            results.Add(new ProtocolImport(protocol.Id, protocol.Version, Added: true));
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    public async Task<TriageProtocol?> GetAsync(string id, string? version = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var definition = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            version is null
                ? "SELECT definition FROM triage_protocols WHERE id = @id ORDER BY row DESC LIMIT 1"
                : "SELECT definition FROM triage_protocols WHERE id = @id AND version = @version",
            new { id, version },
            cancellationToken: cancellationToken));
        return definition is null ? null : TriageJson.Protocol(definition);
    }

    public async Task<IReadOnlyList<TriageProtocol>> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var definitions = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT definition FROM triage_protocols WHERE row IN (SELECT MAX(row) FROM triage_protocols GROUP BY id) ORDER BY id",
            cancellationToken: cancellationToken));
        return [.. definitions.Select(TriageJson.Protocol)];
    }

    public async Task<IReadOnlyList<ProtocolVersion>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id, version, title, audience, example, questions, imported_at, imported_by,
                   row = (SELECT MAX(latest.row) FROM triage_protocols latest WHERE latest.id = p.id) AS latest
            FROM triage_protocols p ORDER BY id, row
            """,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ProtocolVersion(r.id, r.version, r.title, Enum.Parse<ProtocolAudience>(r.audience), r.example == 1, (int)r.questions, Time.Read(r.imported_at), r.imported_by, r.latest == 1))];
    }

    /// <summary>Set by property, not by constructor: on an empty result SQLite gives <c>latest</c>, an expression, no type to match.</summary>
    private sealed class Row
    {
        public string id { get; init; } = string.Empty;

        public string version { get; init; } = string.Empty;

        public string title { get; init; } = string.Empty;

        public string audience { get; init; } = string.Empty;

        public long example { get; init; }

        public long questions { get; init; }

        public string imported_at { get; init; } = string.Empty;

        public string imported_by { get; init; } = string.Empty;

        public long latest { get; init; }
    }
}
