using Dapper;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;

namespace Ivr.Data.Tests.Postgres;

/// <summary>`ivr data migrate --from sqlite --to postgres`: a SQLite file with records, copied into the test cluster.</summary>
public sealed class SqliteToPostgresTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EveryRowMovesWithItsIdsCiphertextsAndAuditChainAndTheStoresReadThemOnPostgres()
    {
        using var sqlite = new TempDatabase(DataProvider.Sqlite);
        using var postgres = new TempDatabase(DataProvider.Postgres);
        var (messageId, userId) = await FillAsync(sqlite);
        using var target = TargetOf(sqlite, postgres);

        var copied = await new SqliteToPostgres((SqliteDatabase)sqlite.Database, target, AuditChainKey.FromOptions(sqlite.Options)).CopyAsync();

        Assert.Equal(3, copied["audit_log"]);
        Assert.Equal(1, copied["ehr_handoffs"]);
        Assert.Equal(1, copied["user_passkeys"]);
        var message = await new SqliteMessageStore(target, sqlite.Protector).GetAsync(messageId);
        Assert.Equal("5559876543", message!.CallbackNumber);
        Assert.True((await new AuditChainVerifier(target, AuditChainKey.FromOptions(sqlite.Options)).VerifyAsync()).Holds);
        Assert.Equal("carol", (await new SqliteUserStore(target).GetAsync(userId))!.Username);
        Assert.False((await new SqliteSecondFactorStore(target, sqlite.Protector).GetPolicyAsync()).Requires(PortalRole.Clinician));
        await using (var connection = await target.OpenAsync())
        {
            Assert.Equal(await RawAsync(sqlite.Database, "SELECT callback_number_enc FROM messages"), await RawAsync(target, "SELECT callback_number_enc FROM messages"));
            Assert.Equal([1, 2, 3], await connection.QueryAsync<byte[]>("SELECT public_key FROM user_passkeys").ContinueWith(t => t.Result.Single()));
        }

        // New rows continue after the copied ids, and a new message gets its EHR hand-off again.
        var calls = new SqliteCallRecordStore(target, sqlite.Protector);
        var next = await new SqliteMessageStore(target, sqlite.Protector).SaveAsync(new PatientMessage { CallId = await calls.StartAsync(new CallRecord { UniqueId = "1764727200.9", PracticeId = "p", DialedNumber = "15550100", StartedAt = Start }), PracticeId = "p", Urgency = Urgency.Routine, ReceivedAt = Start });
        Assert.True(next > messageId);
        await new SqliteAuditLog(target, AuditChainKey.FromOptions(sqlite.Options)).RecordAsync(new AuditEntry(Start, "cli:root", "data.migrate", "database", "postgres", "test"));
        Assert.True((await new AuditChainVerifier(target, AuditChainKey.FromOptions(sqlite.Options)).VerifyAsync()).Holds);
        Assert.Equal(2, await RawCountAsync(target, "SELECT COUNT(*) FROM ehr_handoffs"));
    }

    [Fact]
    public async Task ATargetWithRecordsIsRefusedAndKeepsThem()
    {
        using var sqlite = new TempDatabase(DataProvider.Sqlite);
        using var postgres = new TempDatabase(DataProvider.Postgres);
        await FillAsync(sqlite);
        using var target = TargetOf(sqlite, postgres);
        await target.MigrateAsync();
        await new SqliteAuditLog(target, AuditChainKey.FromOptions(sqlite.Options)).RecordAsync(new AuditEntry(Start, "admin", "user.add", "user", "1", "already here"));

        var error = await Assert.ThrowsAsync<DataException>(() => new SqliteToPostgres((SqliteDatabase)sqlite.Database, target, AuditChainKey.FromOptions(sqlite.Options)).CopyAsync());

        Assert.Contains("audit_log", error.Message);
        Assert.Equal(1, await RawCountAsync(target, "SELECT COUNT(*) FROM audit_log"));
        Assert.Equal(0, await RawCountAsync(target, "SELECT COUNT(*) FROM messages"));
    }

    [Fact]
    public async Task AnAuditChainThatDoesNotHoldKeepsNothing()
    {
        using var sqlite = new TempDatabase(DataProvider.Sqlite);
        using var postgres = new TempDatabase(DataProvider.Postgres);
        await FillAsync(sqlite);
        await using (var connection = await sqlite.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE audit_log SET detail = 'edited' WHERE id = 2");
        }

        using var target = TargetOf(sqlite, postgres);
        var error = await Assert.ThrowsAsync<DataException>(() => new SqliteToPostgres((SqliteDatabase)sqlite.Database, target, AuditChainKey.FromOptions(sqlite.Options)).CopyAsync());

        Assert.Contains("row 2", error.Message);
        Assert.Equal(0, await RawCountAsync(target, "SELECT COUNT(*) FROM messages"));
    }

    /// <summary>The PostgreSQL database under the SQLite one's keys, as the command gives it.</summary>
    private static PostgresDatabase TargetOf(TempDatabase sqlite, TempDatabase postgres) =>
        new(new DataOptions { Provider = DataProvider.Postgres, ConnectionString = postgres.Options.ConnectionString, KeyFile = sqlite.Options.KeyFile });

    private static async Task<(long MessageId, long UserId)> FillAsync(TempDatabase temp)
    {
        await temp.Database.MigrateAsync();
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var callId = await calls.StartAsync(new CallRecord { UniqueId = "1764727200.1", PracticeId = "p", DialedNumber = "15550100", CallerId = "5551234567", StartedAt = Start });
        await calls.AppendEventAsync(callId, new CallEvent(Start, "state", "Greeting", "answered"));
        var messageId = await new SqliteMessageStore(temp.Database, temp.Protector).SaveAsync(new PatientMessage { CallId = callId, PracticeId = "p", Urgency = Urgency.Urgent, CallbackNumber = "5559876543", MessageSeconds = 4.5, ReceivedAt = Start });
        var userId = await new SqliteUserStore(temp.Database).AddAsync(new PortalUser { Username = "carol", PasswordHash = "hash", Role = PortalRole.Supervisor, CreatedAt = Start });
        await new SqliteSecondFactorStore(temp.Database, temp.Protector).SetRequiredAsync(PortalRole.Clinician, false, "carol", Start);
        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO user_passkeys (credential_id, user_id, public_key, sign_count, name, created_at) VALUES (@id, @userId, @key, 0, 'laptop', @at)",
                new { id = new byte[] { 9, 8, 7 }, userId, key = new byte[] { 1, 2, 3 }, at = Start.ToString("O") });
        }

        var log = new SqliteAuditLog(temp.Database, AuditChainKey.FromOptions(temp.Options));
        for (var i = 0; i < 3; i++)
        {
            await log.RecordAsync(new AuditEntry(Start.AddMinutes(i), "carol", "message.read", "message", messageId.ToString(System.Globalization.CultureInfo.InvariantCulture), "inbox"));
        }

        return (messageId, userId);
    }

    private static async Task<string?> RawAsync(Database database, string sql)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<string?>(sql);
    }

    private static async Task<long> RawCountAsync(Database database, string sql)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
