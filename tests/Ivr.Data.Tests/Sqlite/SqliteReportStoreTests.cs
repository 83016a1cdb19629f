using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Reports;

namespace Ivr.Data.Tests.Reports;

/// <summary>Needs nothing but a temporary folder: the reports read a month's calls and messages of one practice or all, with no patient data.</summary>
public sealed class SqliteReportStoreTests
{
    private static readonly DateTimeOffset Night = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [BothDatabases]
    public async Task CallsAndMessagesOfTheWindowComeWithBillableSecondsFirstAcknowledgementAndVoiceSteps(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var messages = new SqliteMessageStore(temp.Database, temp.Protector);
        var dispatch = new SqliteDispatchStore(temp.Database, temp.Protector);
        var store = new SqliteReportStore(temp.Database);

        var callId = await calls.StartAsync(new CallRecord { UniqueId = "1.1", PracticeId = "a", DialedNumber = "15550100", CallerId = "5551234567", StartedAt = Night, RouteReason = "after hours (Sun 02:10 local)" });
        await calls.MarkAnsweredAsync(callId, Night);
        await calls.CompleteAsync(callId, Night.AddSeconds(61), "message-taken", "message taken");
        await calls.StartAsync(new CallRecord { UniqueId = "1.2", PracticeId = "b", DialedNumber = "15550200", StartedAt = Night });
        await calls.StartAsync(new CallRecord { UniqueId = "1.3", PracticeId = "a", DialedNumber = "15550100", StartedAt = Until });
        var messageId = await messages.SaveAsync(new PatientMessage { CallId = callId, PracticeId = "a", Urgency = Urgency.Urgent, CallbackNumber = "5551234567", ReceivedAt = Night });
        await dispatch.StartAttemptAsync(messageId, 0, DispatchChannels.Voice, "dr-lee", Night);
        await dispatch.StartAttemptAsync(messageId, 0, DispatchChannels.Email, "dr-lee", Night);
        await dispatch.StartAttemptAsync(messageId, 1, DispatchChannels.Voice, "dr-patel", Night.AddMinutes(5));
        await dispatch.AdvanceAsync(messageId, MessageStatus.Acknowledged, "dr-patel", "pressed 1", Night.AddMinutes(7));
        await dispatch.AdvanceAsync(messageId, MessageStatus.Resolved, "dr-patel", "called back", Night.AddMinutes(40));

        var all = await store.CallsAsync(null, From, Until);
        var ofA = await store.CallsAsync("a", From, Until);
        var received = await store.MessagesAsync("a", From, Until);

        Assert.Equal(2, all.Count);
        Assert.Equal([new ReportCall("a", Night, 61, "after hours (Sun 02:10 local)")], ofA);
        Assert.Equal([new ReportMessage("a", Night, Night.AddMinutes(7), Night.AddMinutes(40), 2)], received);
        Assert.Empty(await store.MessagesAsync("b", From, Until));
    }

    [Theory]
    [BothDatabases]
    public async Task APatchedCallsSummaryIsNotCountedAsAMessageTheCallerLeft(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var messages = new SqliteMessageStore(temp.Database, temp.Protector);
        var store = new SqliteReportStore(temp.Database);
        var callId = await calls.StartAsync(new CallRecord { UniqueId = "1.1", PracticeId = "a", DialedNumber = "15550100", StartedAt = Night });
        var typed = await messages.SaveOnceAsync(ReceivedMessage.Of(Ivr.Domain.Desk.DeskMessage.Of(
            new Ivr.Domain.Desk.DeskMessageForm("Maria", "Ava", "2021-03-04", "5559876543", true, "fever", Urgency.Urgent, ""), callId, "a", null, "sam", Night)));
        var summary = new PatchSummary("dr-lee", "sam", Night, Night.AddMinutes(2), TimeSpan.FromMinutes(5), typed.Id, "fever");
        await messages.SaveOnceAsync(ReceivedMessage.Of(Ivr.Domain.Desk.DeskSummary.Of(callId, "a", null, summary, Night.AddMinutes(8))));

        Assert.Equal([Night], (await store.MessagesAsync("a", From, Until)).Select(m => m.ReceivedAt));
    }
}
