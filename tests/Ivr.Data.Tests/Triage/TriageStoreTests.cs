using System.Text.Json;
using Dapper;
using Ivr.Data.Tests.Support;
using Ivr.Data.Triage;
using Ivr.Domain.Calls;
using Ivr.Domain.Triage;
using Microsoft.Data.Sqlite;

namespace Ivr.Data.Tests.Triage;

/// <summary>Needs a temporary SQLite file: protocol versions kept and refused, triage records saved, read back and encrypted at rest.</summary>
public sealed class TriageStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 8, 10, 0, TimeSpan.Zero);

    private static TriageProtocol Example(string name) =>
        ProtocolFileReader.Read(Path.Combine(RepositoryFiles.Root, "protocols", "examples", name + ".yaml"));

    [Theory]
    [BothDatabases]
    public async Task EveryExampleImportsAndReadsBackTheSame(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteProtocolStore(temp.Database);
        var examples = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "protocols", "examples"), "*.yaml").Select(ProtocolFileReader.Read).ToList();

        var imported = await store.ImportAsync(examples, "alice", Start);
        var again = await store.ImportAsync(examples, "bob", Start.AddHours(1));

        Assert.All(imported, i => Assert.True(i.Added));
        Assert.All(again, i => Assert.False(i.Added));
        Assert.Equal(4, (await store.ListAsync()).Count);
        foreach (var example in examples)
        {
            Assert.True(example.SameContentAs((await store.GetAsync(example.Id))!));
        }
    }

    [Theory]
    [BothDatabases]
    public async Task ANewVersionIsAddedBesideTheOldAndBecomesTheLatest(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteProtocolStore(temp.Database);
        var first = Example("fever-child");
        var second = first with { Version = "2", Questions = [.. first.Questions.Take(3)] };

        await store.ImportAsync([first], "alice", Start);
        await store.ImportAsync([second], "alice", Start.AddDays(1));
        var list = await store.ListAsync();

        Assert.Equal([("1", false), ("2", true)], list.Select(v => (v.Version, v.Latest)));
        Assert.Equal((7, "alice", Start), (list[0].Questions, list[0].ImportedBy, list[0].ImportedAt));
        Assert.Equal(3, (await store.GetAsync("fever-child"))!.Questions.Count);
        Assert.Equal(7, (await store.GetAsync("fever-child", "1"))!.Questions.Count);
        Assert.Equal(["2"], (await store.LatestAsync()).Select(p => p.Version));
        Assert.Null(await store.GetAsync("fever-child", "3"));
    }

    [Theory]
    [BothDatabases]
    public async Task TheSameVersionWithOtherContentIsRefusedAndNothingOfThatImportIsKept(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteProtocolStore(temp.Database);
        var fever = Example("fever-child");
        await store.ImportAsync([fever], "alice", Start);

        var conflict = await Assert.ThrowsAsync<ProtocolConflictException>(() =>
            store.ImportAsync([Example("sore-throat-adult"), fever with { HomeCareAdvice = "Rest." }], "alice", Start));

        Assert.Equal(("fever-child", "1"), (conflict.Id, conflict.Version));
        Assert.Equal(["fever-child"], (await store.ListAsync()).Select(v => v.Id));
        Assert.Equal(fever.HomeCareAdvice, (await store.GetAsync("fever-child"))!.HomeCareAdvice);
    }

    [Theory]
    [BothDatabases]
    public async Task APathwayIsKeptWholeEncryptedAtRestAndADowngradeWaitsForReview(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var callId = await new SqliteCallRecordStore(temp.Database, temp.Protector).StartAsync(new CallRecord { UniqueId = "1764663000.1", PracticeId = "riverside", DialedNumber = "15550100", StartedAt = Start });
        var store = new SqliteTriageRecordStore(temp.Database, temp.Protector);
        var pathway = Downgraded();

        var id = await store.SaveAsync(new TriageRecord { CallRecordId = callId, PracticeId = "riverside", Pathway = pathway });
        var read = await store.GetAsync(id);

        Assert.NotNull(read);
        Assert.Equal(callId, read.CallRecordId);
        Assert.Null(read.MessageId);
        Assert.Equal(JsonSerializer.Serialize(pathway, IvrJson.Indented), JsonSerializer.Serialize(read.Pathway, IvrJson.Indented));
        Assert.Equal(pathway.Protocols[0].Answers, read.Pathway.Protocols[0].Answers);
        Assert.Equal(pathway.Override, read.Pathway.Override);
        Assert.Equal(Disposition.EmergencyDepartmentNow, read.Pathway.Final);
        Assert.Equal([id], (await store.ForCallAsync(callId)).Select(r => r.Id));

        await using (var connection = await temp.Database.OpenAsync())
        {
            var row = await connection.QuerySingleAsync<(string Computed, string Final, string Direction, string Pathway)>(
                "SELECT computed, final, override_direction, pathway_enc FROM triage_records WHERE id = @id", new { id });
            Assert.Equal(("call-911-now", "ed-now", "Down"), (row.Computed, row.Final, row.Direction));
            Assert.DoesNotContain("breathing", row.Pathway, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("fever", row.Pathway, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("pink", row.Pathway, StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith(temp.Protector.CurrentKeyId + ":", row.Pathway, StringComparison.Ordinal);
        }

        Assert.Equal([id], (await store.AwaitingReviewAsync("riverside")).Select(r => r.Id));
        Assert.True(await store.MarkReviewedAsync(id, "dr-lee", Start.AddHours(1)));
        Assert.False(await store.MarkReviewedAsync(id, "dr-lee", Start.AddHours(2)));
        Assert.Empty(await store.AwaitingReviewAsync("riverside"));
        Assert.Equal(("dr-lee", Start.AddHours(1)), ((await store.GetAsync(id))!.ReviewedBy, (await store.GetAsync(id))!.ReviewedAt));
    }

    [Theory]
    [BothDatabases]
    public async Task APathwayCopiedToAnotherRowDoesNotDecrypt(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var callId = await new SqliteCallRecordStore(temp.Database, temp.Protector).StartAsync(new CallRecord { UniqueId = "1764663000.1", PracticeId = "riverside", DialedNumber = "15550100", StartedAt = Start });
        var store = new SqliteTriageRecordStore(temp.Database, temp.Protector);
        var first = await store.SaveAsync(new TriageRecord { CallRecordId = callId, PracticeId = "riverside", Pathway = Downgraded() });
        var second = await store.SaveAsync(new TriageRecord { CallRecordId = callId, PracticeId = "riverside", Pathway = Downgraded() });

        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE triage_records SET pathway_enc = (SELECT pathway_enc FROM triage_records WHERE id = @first) WHERE id = @second", new { first, second });
        }

        await Assert.ThrowsAsync<DataException>(() => store.GetAsync(second));
    }

    [Theory]
    [BothDatabases]
    public async Task KeyRotationReEncryptsThePathwayAndItStillReads(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var callId = await new SqliteCallRecordStore(temp.Database, temp.Protector).StartAsync(new CallRecord { UniqueId = "1764663000.1", PracticeId = "riverside", DialedNumber = "15550100", StartedAt = Start });
        var store = new SqliteTriageRecordStore(temp.Database, temp.Protector);
        var id = await store.SaveAsync(new TriageRecord { CallRecordId = callId, PracticeId = "riverside", Pathway = Downgraded() });
        var oldKey = temp.Protector.CurrentKeyId;

        var result = await new PhiKeyRotation(temp.Database, temp.Protector, new RecordingVault(temp.Protector)).RotateAsync(null);

        Assert.Equal(1, result.Values);
        Assert.Equal([oldKey], result.Retired);
        Assert.Equal("child pink and breathing easily on a second look", (await store.GetAsync(id))!.Pathway.Override!.Reason);
    }

    [Theory]
    [BothDatabases]
    public async Task ATriageMustBelongToAKnownCall(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteTriageRecordStore(temp.Database, temp.Protector);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.SaveAsync(new TriageRecord { CallRecordId = 42, PracticeId = "riverside", Pathway = Downgraded() }));
    }

    private static TriagePathway Downgraded()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start);
        var session = new TriageSession("nurse-garcia", time);
        session.Use(Example("fever-child"));
        time.Advance(TimeSpan.FromSeconds(20));
        session.Answer(yes: true);
        session.OverrideTo(Disposition.EmergencyDepartmentNow, "child pink and breathing easily on a second look");
        return session.Complete("mother will drive");
    }
}
