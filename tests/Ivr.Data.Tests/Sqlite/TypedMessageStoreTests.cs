using System.Text;
using Dapper;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;

namespace Ivr.Data.Tests;

/// <summary>Needs a temporary folder: messages typed at the desk in real SQLite files, one per call however many operators save.</summary>
public sealed class TypedMessageStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 3, 15, 0, TimeSpan.Zero);

    private static readonly DeskMessageForm Form = new(
        "canary-caller Maria", "canary-patient Ava", "2021-03-04", "(555) 987-6543", true, "canary-reason fever of 103", Urgency.Urgent, "canary-notes gave Tylenol at 8 pm");

    [Theory]
    [BothDatabases]
    public async Task ATypedMessageIsSavedWithItsDispatchJobAndAHistoryThatNamesTheOperatorAndReadsBackWhole(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, dispatch, callId) = await ArrangeAsync(temp);
        var message = DeskMessage.Of(Form, callId, "p", "5551230000", "sam", Start);

        var (id, created) = await messages.SaveOnceAsync(ReceivedMessage.Of(message));

        Assert.True(created);
        Assert.Equal(message with { Id = id }, await messages.GetAsync(id));
        Assert.Equal(message with { Id = id }, Assert.Single(await messages.ForCallAsync(callId)));
        Assert.Equal(new MessageHistoryEntry(Start, MessageStatus.Received, "sam", "message typed by operator sam"), Assert.Single(await dispatch.HistoryAsync(id)));
        Assert.Equal(1, await CountAsync(temp, "dispatches"));
        var due = Assert.Single(await dispatch.DueAsync(Start, 10));
        Assert.Equal((id, DispatchState.New, Urgency.Urgent), (due.MessageId, due.State, due.Urgency));
    }

    [Theory]
    [BothDatabases]
    public async Task ASecondSaveOfTheSameCallsFormReturnsTheFirstMessageAndWritesNothing(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, dispatch, callId) = await ArrangeAsync(temp);
        var (first, _) = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(Form, callId, "p", null, "sam", Start)));

        var again = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(Form with { Reason = "something else", Urgency = Urgency.Routine }, callId, "p", null, "kim", Start.AddSeconds(5))));

        Assert.Equal((first, false), again);
        Assert.Equal((1, 1, 1), (await CountAsync(temp, "messages"), await CountAsync(temp, "dispatches"), await CountAsync(temp, "message_history")));
        var kept = (await messages.GetAsync(first))!;
        Assert.Equal(("sam", "canary-reason fever of 103", Urgency.Urgent), (kept.Typed!.TakenBy, kept.Typed.Reason, kept.Urgency));
        Assert.Equal("sam", Assert.Single(await dispatch.HistoryAsync(first)).Actor);
    }

    [Theory]
    [BothDatabases]
    public async Task TwoOperatorsSavingTheSameCallAtOnceFromTwoConnectionsMakeOneMessage(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (_, _, _) = await ArrangeAsync(temp);
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        // Each operator's save as another process would make it: its own database object, its own connections.
        var sam = new SqliteMessageStore(Database.For(temp.Options), temp.Protector);
        var kim = new SqliteMessageStore(Database.For(temp.Options), temp.Protector);

        for (var round = 0; round < 10; round++)
        {
            var callId = await calls.StartAsync(new CallRecord { UniqueId = $"1764645300.{round + 10}", PracticeId = "p", DialedNumber = "15550100", StartedAt = Start });
            using var go = new ManualResetEventSlim();
            var saves = new[] { (Store: sam, Operator: "sam"), (Store: kim, Operator: "kim") }.Select(o => Task.Run(() =>
            {
                var received = ReceivedMessage.Of(DeskMessage.Of(Form, callId, "p", null, o.Operator, Start));
                go.Wait();
                return o.Store.SaveOnceAsync(received);
            })).ToArray();
            go.Set();
            var results = await Task.WhenAll(saves);

            Assert.Single(results, r => r.Created);
            Assert.Single(results.Select(r => r.Id).Distinct());
            var message = Assert.Single(await sam.ForCallAsync(callId));
            Assert.Equal(results[0].Id, message.Id);
        }

        Assert.Equal((10, 10, 10), (await CountAsync(temp, "messages"), await CountAsync(temp, "dispatches"), await CountAsync(temp, "message_history")));
    }

    [Theory]
    [BothDatabases]
    public async Task MessagesTheCallerRecordedDoNotCountAgainstTheCallsOneTypedMessage(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, _, callId) = await ArrangeAsync(temp);
        var recorded = await messages.SaveAsync(new PatientMessage { CallId = callId, PracticeId = "p", Urgency = Urgency.Routine, MessageRecording = "/spool/a.wav", MessageSeconds = 3, ReceivedAt = Start });

        var typed = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(Form, callId, "p", null, "sam", Start.AddMinutes(1))));
        var recordedAgain = await messages.SaveAsync(new PatientMessage { CallId = callId, PracticeId = "p", Urgency = Urgency.Routine, ReceivedAt = Start.AddMinutes(2) });

        Assert.True(typed.Created);
        Assert.Equal([recorded, typed.Id, recordedAgain], (await messages.ForCallAsync(callId)).Select(m => m.Id));
        Assert.Null((await messages.GetAsync(recorded))!.Typed);
        await Assert.ThrowsAsync<ArgumentException>(() => messages.SaveOnceAsync(ReceivedMessage.Of(new PatientMessage { CallId = callId, PracticeId = "p", Urgency = Urgency.Urgent, ReceivedAt = Start })));
    }

    [Theory]
    [BothDatabases]
    public async Task NothingTypedAppearsInPlainInTheDatabaseFileAndAFieldMovedToAnotherRowDoesNotRead(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, _, callId) = await ArrangeAsync(temp);
        var otherCall = await new SqliteCallRecordStore(temp.Database, temp.Protector).StartAsync(new CallRecord { UniqueId = "1764645300.2", PracticeId = "p", DialedNumber = "15550100", StartedAt = Start });
        var (first, _) = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(Form, callId, "p", null, "sam", Start)));
        var (second, _) = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(Form with { PatientName = "Leo" }, otherCall, "p", null, "sam", Start)));
        var text = await temp.StoredTextAsync();
        Assert.DoesNotContain("canary", text);
        Assert.DoesNotContain("2021-03-04", text);
        Assert.DoesNotContain("5559876543", text);
        Assert.Contains("sam", text);
        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE messages SET patient_name_enc = (SELECT patient_name_enc FROM messages WHERE id = @first) WHERE id = @second", new { first, second });
        }

        Assert.Equal("canary-patient Ava", (await messages.GetAsync(first))!.Typed!.PatientName);
        await Assert.ThrowsAsync<DataException>(() => messages.GetAsync(second));
    }

    [Fact]
    public async Task MessagesSavedBeforeTheUpgradeReadAsRecordedOnes()
    {
        using var temp = new TempDatabase();
        await temp.Database.MigrateAsync(111);
        var (messages, _, callId) = await ArrangeAsync(temp);
        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO messages (call_id, practice_id, urgency, status, received_at) VALUES (@callId, 'p', 'Urgent', 'Received', '2026-12-02T03:15:00.0000000+00:00')",
                new { callId });
        }

        await temp.Database.MigrateAsync();

        var old = Assert.Single(await messages.ForCallAsync(callId));
        Assert.Null(old.Typed);
        Assert.True((await messages.SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(Form, callId, "p", null, "sam", Start)))).Created);
    }

    private static async Task<(SqliteMessageStore Messages, SqliteDispatchStore Dispatch, long CallId)> ArrangeAsync(TempDatabase temp)
    {
        var callId = await new SqliteCallRecordStore(temp.Database, temp.Protector).StartAsync(new CallRecord { UniqueId = "1764645300.1", PracticeId = "p", DialedNumber = "15550100", CallerId = "5551230000", StartedAt = Start });
        return (new SqliteMessageStore(temp.Database, temp.Protector), new SqliteDispatchStore(temp.Database, temp.Protector), callId);
    }

    private static async Task<long> CountAsync(TempDatabase temp, string table)
    {
        await using var connection = await temp.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}
