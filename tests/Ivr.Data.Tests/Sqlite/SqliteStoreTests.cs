using System.Text;
using Dapper;
using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;

namespace Ivr.Data.Tests;

/// <summary>Needs nothing but a temporary folder: real SQLite files.</summary>
public sealed class SqliteStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    [Fact]
    public async Task MigrationsApplyOnceAndAreRecordedInSchemaVersion()
    {
        // Every numbered migration shipped in the assembly, whichever branch added it.
        var versions = typeof(SqliteDatabase).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Ivr.Data.Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => int.Parse(n["Ivr.Data.Migrations.".Length..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        using var temp = new TempDatabase();
        Assert.Equal(versions.Length, await temp.Database.MigrateAsync());
        Assert.Equal(0, await temp.Database.MigrateAsync());
        await using var connection = await temp.Database.OpenAsync();
        Assert.Equal(versions.Max(), await connection.ExecuteScalarAsync<long>("SELECT MAX(version) FROM schema_version"));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Theory]
    [BothDatabases]
    public async Task DatabaseNewerThanTheCodeIsRefusedWithAClearError(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO schema_version (version, applied_at) VALUES (99999, 'x')");
        }

        var error = await Assert.ThrowsAsync<DataException>(() => temp.Database.MigrateAsync());
        Assert.Contains("newer", error.Message);
    }

    [Theory]
    [BothDatabases]
    public async Task CallRecordTimelineLegsAndMessageRoundTrip(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var messages = new SqliteMessageStore(temp.Database, temp.Protector);

        var id = await calls.StartAsync(new CallRecord { UniqueId = "1700000000.1", PracticeId = "p", DialedNumber = "15550100", CallerId = "5551234567", StartedAt = Start });
        await calls.MarkAnsweredAsync(id, Start.AddSeconds(1));
        await calls.AppendEventAsync(id, new CallEvent(Start.AddSeconds(2), "state", "MainMenu", "Continue from Greeting"));
        await calls.AddLegAsync(id, new BridgeLeg(1, "dr-lee", Start.AddSeconds(3), Start.AddSeconds(9), "declined", "pressed 2"));
        var messageId = await messages.SaveAsync(new PatientMessage { CallId = id, PracticeId = "p", Urgency = Urgency.Urgent, CallbackNumber = "5559876543", CallerId = "5551234567", MessageRecording = "/spool/x.wav", MessageSeconds = 12.5, Partial = true, ReceivedAt = Start.AddSeconds(30) });
        await calls.CompleteAsync(id, Start.AddSeconds(61.2), "message-taken", "urgent message 1");

        var call = await calls.GetAsync(id);
        Assert.Equal("5551234567", call!.CallerId);
        Assert.Equal(Start.AddSeconds(1), call.AnsweredAt);
        Assert.Equal(61, call.BillableSeconds);
        Assert.Equal("message-taken", call.Outcome);
        Assert.Equal("MainMenu", Assert.Single(await calls.EventsAsync(id)).Name);
        Assert.Equal("declined", Assert.Single(await calls.LegsAsync(id)).Result);
        var message = Assert.Single(await messages.ForCallAsync(id));
        Assert.Equal(messageId, message.Id);
        Assert.Equal("5559876543", message.CallbackNumber);
        Assert.Equal("/spool/x.wav", message.MessageRecording);
        Assert.True(message.Partial);
        Assert.Equal(Start.AddSeconds(30), message.ReceivedAt);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.2, 1)]
    [InlineData(60, 60)]
    [InlineData(60.001, 61)]
    public void BillableSecondsRoundUpToTheNextWholeSecond(double seconds, int billable) =>
        Assert.Equal(billable, SqliteCallRecordStore.BillableSeconds(Start, Start.AddSeconds(seconds)));

    [Theory]
    [BothDatabases]
    public async Task PatientDataNeverAppearsInPlainInTheDatabaseFile(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var messages = new SqliteMessageStore(temp.Database, temp.Protector);
        var id = await calls.StartAsync(new CallRecord { UniqueId = "1700000000.2", PracticeId = "p", DialedNumber = "15550100", CallerId = "5559871111", StartedAt = Start });
        await messages.SaveAsync(new PatientMessage
        {
            CallId = id,
            PracticeId = "p",
            Urgency = Urgency.Urgent,
            CallbackNumber = "5559872222",
            CallerId = "5559871111",
            NameRecording = "/var/spool/asterisk/recording/canary-toddler-rash-name.wav",
            MessageRecording = "/var/spool/asterisk/recording/canary-toddler-rash.wav",
            ReceivedAt = Start,
        });
        var text = await temp.StoredTextAsync();
        Assert.DoesNotContain("5559871111", text);
        Assert.DoesNotContain("5559872222", text);
        Assert.DoesNotContain("canary-toddler-rash", text);
        Assert.Contains("15550100", text);
    }

    [Theory]
    [BothDatabases]
    public async Task AResolutionNoteIsKeptEncryptedBoundToItsRowAndReadBackWithTheHistory(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var messages = new SqliteMessageStore(temp.Database, temp.Protector);
        var dispatch = new SqliteDispatchStore(temp.Database, temp.Protector);
        var callId = await calls.StartAsync(new CallRecord { UniqueId = "1700000000.3", PracticeId = "p", DialedNumber = "15550100", StartedAt = Start });
        var id = await messages.SaveAsync(new PatientMessage { CallId = callId, PracticeId = "p", Urgency = Urgency.Urgent, ReceivedAt = Start });
        const string Note = "canary-note: spoke with Ava's mother, rash fading, Tylenol advised";

        Assert.True(await dispatch.AdvanceAsync(id, MessageStatus.Acknowledged, "dr-lee", "pressed 1", Start.AddMinutes(1)));
        Assert.True(await dispatch.AdvanceAsync(id, MessageStatus.Resolved, "dr-lee", "patient contacted (portal)", "  " + Note + "  ", Start.AddMinutes(9)));
        var history = await dispatch.HistoryAsync(id);
        var text = await temp.StoredTextAsync();
        await using (var connection = await temp.Database.OpenAsync())
        {
            // Moved to another row, the sealed note no longer opens: it is bound to the row it was written for.
            await connection.ExecuteAsync("UPDATE message_history SET note_enc = (SELECT note_enc FROM message_history WHERE status = 'Resolved') WHERE status = 'Acknowledged'");
        }

        Assert.Equal([null, null, Note], history.Select(h => h.Note));
        Assert.Equal("patient contacted (portal)", history[^1].Detail);
        Assert.DoesNotContain("canary-note", text);
        Assert.ThrowsAny<Exception>(() => dispatch.HistoryAsync(id).GetAwaiter().GetResult());
    }

    [Theory]
    [BothDatabases]
    public async Task ConcurrentWritersAllSucceed(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            calls.StartAsync(new CallRecord { UniqueId = $"1700000000.{i}", PracticeId = "p", DialedNumber = "1", StartedAt = Start }))));
        Assert.Equal(40, ids.Distinct().Count());
        Assert.Equal(40, (await calls.ListAsync(100)).Count);
    }
}
