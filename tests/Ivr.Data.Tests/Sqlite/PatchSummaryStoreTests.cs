using System.Text;
using Dapper;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;

namespace Ivr.Data.Tests;

/// <summary>Needs a temporary folder: patched calls' summaries in real SQLite files, encrypted at rest, one per call however often its end is reported.</summary>
public sealed class PatchSummaryStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 3, 15, 0, TimeSpan.Zero);

    private static readonly PatchSummary Summary = new("dr-lee", "sam", Start, Start.AddMinutes(2), TimeSpan.FromSeconds(395), 7, "canary-reason fever of 103");

    [Theory]
    [BothDatabases]
    public async Task ASummaryIsSavedWithItsDispatchJobAndReadsBackWholeWithItsClinicianAsTheDispatchRecipient(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, dispatch, callId) = await ArrangeAsync(temp);
        var message = DeskSummary.Of(callId, "p", "5551230000", Summary, Start.AddMinutes(9));

        var (id, created) = await messages.SaveOnceAsync(ReceivedMessage.Of(message));

        Assert.True(created);
        Assert.Equal(message with { Id = id }, await messages.GetAsync(id));
        Assert.Equal(new MessageHistoryEntry(Start.AddMinutes(9), MessageStatus.Received, "sam", "summary of the call operator sam patched to clinician dr-lee, for them"), Assert.Single(await dispatch.HistoryAsync(id)));
        var due = Assert.Single(await dispatch.DueAsync(Start.AddMinutes(9), 10));
        Assert.Equal((id, DispatchState.New, Urgency.Routine, "dr-lee"), (due.MessageId, due.State, due.Urgency, due.Recipient));
    }

    [Theory]
    [BothDatabases]
    public async Task TheCallsEndReportedTwiceOrFromTwoProcessesMakesOneSummaryAndTheTypedMessageIsNotCounted(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, _, callId) = await ArrangeAsync(temp);
        var typed = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(
            new DeskMessageForm("Maria", "Ava", "2021-03-04", "5559876543", true, "fever", Urgency.Urgent, ""), callId, "p", null, "sam", Start.AddMinutes(1))));
        var other = new SqliteMessageStore(Database.For(temp.Options), temp.Protector);

        var saves = await Task.WhenAll(
            Task.Run(() => messages.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(callId, "p", null, Summary, Start.AddMinutes(9))))),
            Task.Run(() => other.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(callId, "p", null, Summary, Start.AddMinutes(9))))));
        var again = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(callId, "p", null, Summary with { OperatorName = "kim" }, Start.AddMinutes(10))));

        Assert.True(typed.Created);
        Assert.Single(saves, s => s.Created);
        var id = Assert.Single(saves.Select(s => s.Id).Distinct());
        Assert.Equal((id, false), again);
        Assert.Equal((2, 2, 2), (await CountAsync(temp, "messages"), await CountAsync(temp, "dispatches"), await CountAsync(temp, "message_history")));
        Assert.Equal("sam", (await messages.GetAsync(id))!.Summary!.OperatorName);
        await using var connection = await temp.Database.OpenAsync();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync(
            "INSERT INTO messages (call_id, practice_id, urgency, status, received_at, summary_for) VALUES (@callId, 'p', 'Routine', 'Received', '2026-12-02T03:30:00.0000000+00:00', 'dr-kim')",
            new { callId }));
    }

    [Theory]
    [BothDatabases]
    public async Task NothingTheSummarySaysAppearsInPlainInTheRawRowOrTheFileAndItsValueIsBoundToItsRow(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, _, callId) = await ArrangeAsync(temp);
        var otherCall = await new SqliteCallRecordStore(temp.Database, temp.Protector).StartAsync(new CallRecord { UniqueId = "1764645300.2", PracticeId = "p", DialedNumber = "15550100", StartedAt = Start });
        var (first, _) = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(callId, "p", "5551230000", Summary, Start.AddMinutes(9))));
        var (second, _) = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(otherCall, "p", "5551230000", Summary with { TypedMessageId = null, TypedReason = null }, Start.AddMinutes(9))));
        await using (var connection = await temp.Database.OpenAsync())
        {
            var row = await connection.QuerySingleAsync<(string SummaryFor, string SummaryBy, string SummaryEnc, string CallerIdEnc)>(
                "SELECT summary_for, summary_by, summary_enc, caller_id_enc FROM messages WHERE id = @first", new { first });
            Assert.Equal(("dr-lee", "sam"), (row.SummaryFor, row.SummaryBy));
            foreach (var value in new[] { row.SummaryEnc, row.CallerIdEnc })
            {
                Assert.DoesNotContain("canary", value, StringComparison.Ordinal);
                Assert.DoesNotContain("5551230000", value, StringComparison.Ordinal);
                Assert.DoesNotContain("TypedReason", value, StringComparison.Ordinal);
                Assert.DoesNotContain("2026-12-02", value, StringComparison.Ordinal);
            }
        }

        var text = await temp.StoredTextAsync();
        Assert.DoesNotContain("canary", text);
        Assert.DoesNotContain("5551230000", text);
        Assert.DoesNotContain("ClinicianJoinedAt", text);
        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE messages SET summary_enc = (SELECT summary_enc FROM messages WHERE id = @first) WHERE id = @second", new { first, second });
        }

        Assert.Equal("canary-reason fever of 103", (await messages.GetAsync(first))!.Summary!.TypedReason);
        await Assert.ThrowsAsync<DataException>(() => messages.GetAsync(second));
    }

    [Theory]
    [BothDatabases]
    public async Task TheCliniciansPagedToMeInboxHoldsTheSummaryForThemAndNotAnotherClinicians(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, _, callId) = await ArrangeAsync(temp);
        var (id, _) = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(callId, "p", null, Summary, Start.AddMinutes(9))));

        Assert.Equal([id], (await messages.InboxAsync(new InboxQuery("p", PagedTo: "dr-lee"))).Select(m => m.Id));
        Assert.Empty(await messages.InboxAsync(new InboxQuery("p", PagedTo: "dr-kim")));
        Assert.Empty(await messages.InboxAsync(new InboxQuery("other")));
    }

    [Theory]
    [BothDatabases]
    public async Task KeyRotationReEncryptsTheSummary(DataProvider provider)
    {
        Assert.Contains("summary", PhiKeyRotation.ProtectedColumns.Single(c => c.Table == "messages").Columns);
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (messages, _, callId) = await ArrangeAsync(temp);
        var (id, _) = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(callId, "p", null, Summary, Start.AddMinutes(9))));
        await using var connection = await temp.Database.OpenAsync();
        var before = await connection.ExecuteScalarAsync<string>("SELECT summary_enc FROM messages WHERE id = @id", new { id });

        var oldKey = temp.Protector.CurrentKeyId;

        var result = await new PhiKeyRotation(temp.Database, temp.Protector, new RecordingVault(temp.Protector)).RotateAsync(null);

        Assert.Equal([oldKey], result.Retired);
        Assert.NotEqual(before, await connection.ExecuteScalarAsync<string>("SELECT summary_enc FROM messages WHERE id = @id", new { id }));
        Assert.Equal(Summary, (await messages.GetAsync(id))!.Summary);
    }

    private static async Task<(SqliteMessageStore Messages, SqliteDispatchStore Dispatch, long CallId)> ArrangeAsync(TempDatabase temp)
    {
        var callId = await new SqliteCallRecordStore(temp.Database, temp.Protector).StartAsync(new CallRecord { UniqueId = "1764645300.1", PracticeId = "p", DialedNumber = "15550100", StartedAt = Start });
        return (new SqliteMessageStore(temp.Database, temp.Protector), new SqliteDispatchStore(temp.Database, temp.Protector), callId);
    }

    private static async Task<long> CountAsync(TempDatabase temp, string table)
    {
        await using var connection = await temp.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}
