using Dapper;
using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Triage;

namespace Ivr.Data.Tests.Triage;

/// <summary>Needs a temporary SQLite file: the triage report reads a month's triages with their call's first ring, the nurse's desk answer and the message's acknowledgement, never the pathway.</summary>
public sealed class SqliteTriageReportStoreTests
{
    private static readonly DateTimeOffset Ring = new(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [BothDatabases]
    public async Task ATriageOfTheMonthComesWithItsFirstRingTheNursesDeskAnswerAndItsMessagesFirstAcknowledgement(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var messages = new SqliteMessageStore(temp.Database, temp.Protector);
        var dispatch = new SqliteDispatchStore(temp.Database, temp.Protector);
        var desk = new SqliteDeskLog(temp.Database);
        var triages = new SqliteTriageRecordStore(temp.Database, temp.Protector);
        var store = new SqliteTriageReportStore(temp.Database);

        var callId = await calls.StartAsync(new CallRecord { UniqueId = "1.1", PracticeId = "a", DialedNumber = "15550100", CallerId = "5551234567", StartedAt = Ring });
        await desk.QueuedAsync(callId, "a", Ivr.Domain.Desk.DeskPriority.Urgent, Ring.AddSeconds(20));
        await desk.AnsweredAsync(callId, "garcia", Ring.AddSeconds(45));
        var messageId = await messages.SaveAsync(new PatientMessage { CallId = callId, PracticeId = "a", Urgency = Urgency.Urgent, CallbackNumber = "5551234567", ReceivedAt = Ring.AddMinutes(6) });
        await dispatch.AdvanceAsync(messageId, MessageStatus.Acknowledged, "dr-lee", "pressed 1", Ring.AddMinutes(9));
        await dispatch.AdvanceAsync(messageId, MessageStatus.Resolved, "dr-lee", "called back", Ring.AddMinutes(30));
        var downgraded = Pathway("garcia", Ring.AddMinutes(1), Ring.AddMinutes(6), Disposition.SeeToday, Disposition.Within24Hours);
        var triageId = await triages.SaveAsync(new TriageRecord { CallRecordId = callId, MessageId = messageId, PracticeId = "a", Pathway = downgraded });
        await triages.MarkReviewedAsync(triageId, "dr-lee", Ring.AddHours(2));

        var rows = await store.TriagesAsync("a", From, Until);

        var row = Assert.Single(rows);
        Assert.Equal(
            new TriageReportRow(triageId, "a", "garcia", Disposition.SeeToday, Disposition.Within24Hours, OverrideDirection.Down, true, Ring.AddHours(2), Ring, Ring.AddSeconds(45), Ring.AddMinutes(1), Ring.AddMinutes(6), messageId, Ring.AddMinutes(6), Ring.AddMinutes(9)),
            row);
    }

    [Theory]
    [BothDatabases]
    public async Task AnotherOperatorsDeskAnswerIsNotTheNursesAndATriageWithoutAMessageHasNone(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var desk = new SqliteDeskLog(temp.Database);
        var triages = new SqliteTriageRecordStore(temp.Database, temp.Protector);
        var store = new SqliteTriageReportStore(temp.Database);
        var callId = await calls.StartAsync(new CallRecord { UniqueId = "1.1", PracticeId = "a", DialedNumber = "15550100", StartedAt = Ring });
        await desk.QueuedAsync(callId, "a", Ivr.Domain.Desk.DeskPriority.Routine, Ring.AddSeconds(20));
        await desk.AnsweredAsync(callId, "kai", Ring.AddSeconds(30));
        await triages.SaveAsync(new TriageRecord { CallRecordId = callId, PracticeId = "a", Pathway = Pathway("garcia", Ring.AddMinutes(4), Ring.AddMinutes(9), Disposition.HomeCare) });

        var row = Assert.Single(await store.TriagesAsync(null, From, Until));

        Assert.Null(row.DeskAnsweredAt);
        Assert.Equal(Ring.AddMinutes(4), row.NurseAnsweredAt);
        Assert.Equal((Disposition.HomeCare, (OverrideDirection?)null, false), (row.Counted, row.Override, row.NeedsReview));
        Assert.Equal(((long?)null, (DateTimeOffset?)null, (DateTimeOffset?)null), (row.MessageId, row.MessageReceivedAt, row.AcknowledgedAt));
    }

    [Theory]
    [BothDatabases]
    public async Task OnlyTheChosenPracticesTriagesCompletedInTheWindowAreReadOldestFirst(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var calls = new SqliteCallRecordStore(temp.Database, temp.Protector);
        var triages = new SqliteTriageRecordStore(temp.Database, temp.Protector);
        var store = new SqliteTriageReportStore(temp.Database);
        var callA = await calls.StartAsync(new CallRecord { UniqueId = "1.1", PracticeId = "a", DialedNumber = "15550100", StartedAt = Ring });
        var callB = await calls.StartAsync(new CallRecord { UniqueId = "1.2", PracticeId = "b", DialedNumber = "15550200", StartedAt = Ring });
        var late = await triages.SaveAsync(new TriageRecord { CallRecordId = callA, PracticeId = "a", Pathway = Pathway("garcia", Ring, Ring.AddMinutes(8), Disposition.HomeCare) });
        var early = await triages.SaveAsync(new TriageRecord { CallRecordId = callA, PracticeId = "a", Pathway = Pathway("garcia", Ring, Ring.AddMinutes(3), Disposition.SeeClinicianNow) });
        var ofB = await triages.SaveAsync(new TriageRecord { CallRecordId = callB, PracticeId = "b", Pathway = Pathway("ito", Ring, Ring.AddMinutes(5), Disposition.HomeCare) });
        // Begun in November, completed at midnight of 1 December: December's.
        await triages.SaveAsync(new TriageRecord { CallRecordId = callA, PracticeId = "a", Pathway = Pathway("garcia", Until.AddMinutes(-5), Until, Disposition.HomeCare) });

        Assert.Equal(new[] { early, late }, (await store.TriagesAsync("a", From, Until)).Select(r => r.TriageId));
        Assert.Equal(new[] { ofB }, (await store.TriagesAsync("b", From, Until)).Select(r => r.TriageId));
        Assert.Equal(new[] { early, ofB, late }, (await store.TriagesAsync(null, From, Until)).Select(r => r.TriageId));
    }

    [Theory]
    [BothDatabases]
    public async Task TheReportReadsNoEncryptedColumnSoAnUnreadablePathwayStillCounts(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var callId = await new SqliteCallRecordStore(temp.Database, temp.Protector).StartAsync(new CallRecord { UniqueId = "1.1", PracticeId = "a", DialedNumber = "15550100", CallerId = "5551234567", StartedAt = Ring });
        var triages = new SqliteTriageRecordStore(temp.Database, temp.Protector);
        var id = await triages.SaveAsync(new TriageRecord { CallRecordId = callId, PracticeId = "a", Pathway = Pathway("garcia", Ring, Ring.AddMinutes(5), Disposition.SeeToday) });
        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE triage_records SET pathway_enc = 'not a value anyone can decrypt'; UPDATE calls SET caller_id_enc = 'nor this'");
        }

        await Assert.ThrowsAnyAsync<Exception>(() => triages.GetAsync(id));
        Assert.Equal([Disposition.SeeToday], (await new SqliteTriageReportStore(temp.Database).TriagesAsync("a", From, Until)).Select(r => r.Counted));
    }

    private static TriagePathway Pathway(string nurse, DateTimeOffset started, DateTimeOffset completed, Disposition computed, Disposition? overriddenTo = null) => new()
    {
        Nurse = nurse,
        StartedAt = started,
        CompletedAt = completed,
        Protocols = [],
        Computed = computed,
        Override = overriddenTo is { } to ? new TriageOverride(computed, to, "drinking well now", nurse, completed.AddSeconds(-10)) : null,
    };
}
