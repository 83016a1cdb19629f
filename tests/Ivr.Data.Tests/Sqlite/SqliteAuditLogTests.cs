using System.Security.Cryptography;
using System.Text;
using Dapper;
using Ivr.Domain.Audit;

namespace Ivr.Data.Tests;

/// <summary>Needs nothing but a temporary folder: the audit chain over a real SQLite file, tampered with by plain SQL.</summary>
public sealed class SqliteAuditLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    [Theory]
    [BothDatabases]
    public async Task AnUntouchedChainVerifies(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var (log, verifier) = await OpenAsync(temp);
        await AppendAsync(log, 5);

        var result = await verifier.VerifyAsync();

        Assert.True(result.Holds, result.Problem);
        Assert.Equal(5, result.Rows);
    }

    [Theory]
    [BothDatabases]
    public async Task AnEditedRowIsNamedAsChanged(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var (log, verifier) = await OpenAsync(temp);
        await AppendAsync(log, 5);
        await ExecuteAsync(temp, "UPDATE audit_log SET actor = 'portal:nobody' WHERE id = 3");

        var result = await verifier.VerifyAsync();

        Assert.Equal("row 3 changed", result.Problem);
        Assert.Equal(3, result.FailedRow);
    }

    [Theory]
    [BothDatabases]
    public async Task ADeletedRowIsNamedAsMissingBetweenItsNeighbours(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var (log, verifier) = await OpenAsync(temp);
        await AppendAsync(log, 5);
        await ExecuteAsync(temp, "DELETE FROM audit_log WHERE id = 3");

        var result = await verifier.VerifyAsync();

        Assert.Equal("row 3 missing between 2 and 4", result.Problem);
    }

    [Theory]
    [BothDatabases]
    public async Task DeletedFirstRowsAreNamed(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var (log, verifier) = await OpenAsync(temp);
        await AppendAsync(log, 4);
        await ExecuteAsync(temp, "DELETE FROM audit_log WHERE id <= 2");

        Assert.Equal("rows 1 to 2 missing before 3", (await verifier.VerifyAsync()).Problem);
    }

    [Theory]
    [BothDatabases]
    public async Task AnInsertedRowHasNoValidLink(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var (log, verifier) = await OpenAsync(temp);
        await AppendAsync(log, 5);
        await ExecuteAsync(temp, $"INSERT INTO audit_log (id, at, actor, action, subject_type, subject_id, detail, chain) VALUES (6, '{Start.AddHours(1):O}', 'portal:jane', 'message.view', 'message', '9', 'x', '{new string('a', 64)}')");

        var result = await verifier.VerifyAsync();

        Assert.Equal("row 6 has no valid link", result.Problem);
    }

    [Theory]
    [BothDatabases]
    public async Task ARowInsertedThenChainedOntoByTheServiceIsStillNamed(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var (log, verifier) = await OpenAsync(temp);
        await AppendAsync(log, 3);
        await ExecuteAsync(temp, $"INSERT INTO audit_log (id, at, actor, action, subject_type, subject_id, detail) VALUES (4, '{Start.AddHours(1):O}', 'portal:jane', 'message.view', 'message', '9', 'x')");
        await AppendAsync(log, 2);

        Assert.Equal("row 4 has no valid link", (await verifier.VerifyAsync()).Problem);
    }

    [Theory]
    [BothDatabases]
    public async Task ARowReHashedWithoutTheKeyHasNoValidLink(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var (log, verifier) = await OpenAsync(temp);
        await AppendAsync(log, 5);
        await using (var connection = await temp.Database.OpenAsync())
        {
            // What someone with the database but not the key can do: change the row and hash it again, here with a key of their own.
            var previous = await connection.ExecuteScalarAsync<string>("SELECT chain FROM audit_log WHERE id = 2");
            var forged = Convert.ToHexStringLower(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), Encoding.UTF8.GetBytes(previous + "row 3 as the forger wants it")));
            await connection.ExecuteAsync("UPDATE audit_log SET detail = 'nothing to see', chain = @forged WHERE id = 3", new { forged });
        }

        var result = await verifier.VerifyAsync();

        Assert.Equal("row 3 has no valid link", result.Problem);
    }

    [Theory]
    [BothDatabases]
    public async Task TheChainNeedsItsKeyNotJustTheDatabase(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var (log, _) = await OpenAsync(temp);
        await AppendAsync(log, 2);

        var wrongKey = new AuditChainVerifier(temp.Database, new AuditChainKey(RandomNumberGenerator.GetBytes(32)));

        var result = await wrongKey.VerifyAsync();
        Assert.False(result.Holds);
        Assert.Equal(1, result.FailedRow);
    }

    [Theory]
    [BothDatabases]
    public async Task TwoConcurrentAppendersKeepAValidChain(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var key = AuditChainKey.FromOptions(temp.Options);

        // Two SqliteDatabase objects stand for the service and the command line: separate connections to one file.
        var first = new SqliteAuditLog(Database.For(temp.Options), key);
        var second = new SqliteAuditLog(Database.For(temp.Options), key);
        var appends = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second).RecordAsync(Entry(i))).ToArray();
        await Task.WhenAll(appends);

        var result = await new AuditChainVerifier(temp.Database, key).VerifyAsync();

        Assert.True(result.Holds, result.Problem);
        Assert.Equal(40, result.Rows);
    }

    [Fact]
    public async Task RowsWrittenBeforeTheChainAreChainedOnceByTheMigration()
    {
        using var temp = new TempDatabase();
        await temp.Database.MigrateAsync(through: 102); // the version before the audit chain (0103)
        await using (var connection = await temp.Database.OpenAsync())
        {
            // The schema before 0103, with two rows written then.
            await connection.ExecuteAsync("""
                INSERT INTO audit_log (at, actor, action, subject_type, subject_id, detail) VALUES ('2026-01-01T00:00:00.0000000+00:00', 'cli:root', 'calls.list', 'call', '*', '3 call(s)');
                INSERT INTO audit_log (at, actor, action, subject_type, subject_id, detail) VALUES ('2026-01-01T00:01:00.0000000+00:00', 'portal:jane', 'message.view', 'message', '1', 'x');
                """);
        }

        await temp.Database.MigrateAsync();
        var (log, verifier) = await OpenAsync(temp);
        await AppendAsync(log, 1);

        var result = await verifier.VerifyAsync();
        Assert.True(result.Holds, result.Problem);
        Assert.Equal(3, result.Rows);
    }

    [Theory]
    [BothDatabases]
    public async Task RowsCarryTheSessionAndAddressOfTheirOrigin(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var log = new SqliteAuditLog(temp.Database, AuditChainKey.FromOptions(temp.Options), new FixedOrigin("s-1", "203.0.113.9"));

        await log.RecordAsync(Entry(0));
        await log.RecordAsync(Entry(1) with { Session = "s-2", Address = "198.51.100.1" });

        var rows = await log.QueryAsync(new AuditQuery(), 0, 10);
        Assert.Equal(("s-1", "203.0.113.9"), (rows[0].Entry.Session, rows[0].Entry.Address));
        Assert.Equal(("s-2", "198.51.100.1"), (rows[1].Entry.Session, rows[1].Entry.Address));
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.Chain));
    }

    [Theory]
    [BothDatabases]
    public async Task QueryFiltersByTimeWhoActionMessageAndPracticeAndPages(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var (log, _) = await OpenAsync(temp);
        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync($"""
                INSERT INTO calls (id, unique_id, practice_id, dialed_number, started_at) VALUES (1, 'u1', 'riverside', '5550100', '{Start:O}');
                INSERT INTO messages (id, call_id, practice_id, urgency, status, received_at) VALUES (7, 1, 'riverside', 'Urgent', 'Received', '{Start:O}');
                INSERT INTO messages (id, call_id, practice_id, urgency, status, received_at) VALUES (8, 1, 'lakeside', 'Urgent', 'Received', '{Start:O}');
                """);
        }

        await log.RecordAsync(new AuditEntry(Start, "portal:jane", "message.view", "message", "7", "riverside"));
        await log.RecordAsync(new AuditEntry(Start.AddHours(1), "portal:jane", "message.view", "message", "8", "lakeside"));
        await log.RecordAsync(new AuditEntry(Start.AddHours(2), "cli:root", "messages.show", "message", "7", "history viewed"));
        await log.RecordAsync(new AuditEntry(Start.AddHours(3), "portal:sam", "practice.settings.view", "practice", "riverside", "revision 1"));

        async Task<long[]> Ids(AuditQuery query) => [.. (await log.QueryAsync(query, 0, 100)).Select(r => r.Id)];

        Assert.Equal(new long[] { 2, 3 }, await Ids(new AuditQuery(From: Start.AddHours(1), Until: Start.AddHours(3))));
        Assert.Equal(new long[] { 1, 2 }, await Ids(new AuditQuery(Actor: "jane")));
        Assert.Equal(new long[] { 1, 2 }, await Ids(new AuditQuery(Action: "message.")));
        Assert.Equal(new long[] { 4 }, await Ids(new AuditQuery(Action: "practice.settings.view")));
        Assert.Equal(new long[] { 1, 3 }, await Ids(new AuditQuery(MessageId: 7)));
        Assert.Equal(new long[] { 1, 3, 4 }, await Ids(new AuditQuery(PracticeId: "riverside")));
        Assert.Equal(3, await log.CountAsync(new AuditQuery(PracticeId: "riverside")));
        Assert.Equal(new long[] { 3, 4 }, (await log.QueryAsync(new AuditQuery(PracticeId: "riverside"), 1, 2)).Select(r => r.Id));
    }

    [Theory]
    [BothDatabases]
    public void TheKeyFileIsCreatedBesideTheDataKeyReadableByItsOwnerOnly(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);

        AuditChainKey.FromOptions(temp.Options);
        var file = Path.Combine(temp.Directory, "keys", "audit.key");
        var written = File.ReadAllText(file);
        AuditChainKey.FromOptions(temp.Options);

        Assert.Equal(file, AuditChainKey.FileOf(temp.Options));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(32, Convert.FromBase64String(written).Length);
        Assert.Equal(written, File.ReadAllText(file));
        Assert.NotEqual(File.ReadAllText(temp.Options.KeyFile).Trim(), File.ReadAllText(file).Trim());
    }

    private static async Task<(SqliteAuditLog Log, AuditChainVerifier Verifier)> OpenAsync(TempDatabase temp)
    {
        await temp.Database.MigrateAsync();
        var key = AuditChainKey.FromOptions(temp.Options);
        return (new SqliteAuditLog(temp.Database, key), new AuditChainVerifier(temp.Database, key));
    }

    private static async Task AppendAsync(SqliteAuditLog log, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await log.RecordAsync(Entry(i));
        }
    }

    private static AuditEntry Entry(int i) => new(Start.AddMinutes(i), "portal:jane", "message.view", "message", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "riverside, Urgent, Received");

    private static async Task ExecuteAsync(TempDatabase temp, string sql)
    {
        await using var connection = await temp.Database.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    private sealed record FixedOrigin(string? Session, string? Address) : IAuditOrigin;
}
