using Ivr.Data.Practices;
using Ivr.Domain.Practices;

namespace Ivr.Data.Tests.Practices;

/// <summary>Needs nothing but a temporary folder: a practice's business associate agreement in its file, its stored document and its revisions.</summary>
public sealed class BusinessAssociateAgreementTests
{
    private static readonly BusinessAssociateAgreement First = new()
    {
        Signed = new DateOnly(2026, 1, 12),
        Version = "2026-1",
        PracticeSigner = new AgreementSigner("Dana Whitfield", "Practice Manager"),
        ServiceSigner = new AgreementSigner("Morgan Reyes", "Operations Director"),
        RecordedBy = "cli:olga",
        RecordedAt = new DateTimeOffset(2026, 1, 12, 16, 30, 5, TimeSpan.Zero),
    };

    private static Practice Clinic(BusinessAssociateAgreement? agreement) => new()
    {
        Id = "lakeside-family",
        Name = "Lakeside Family Medicine",
        Numbers = ["5550100300"],
        TimeZone = "America/Chicago",
        Agreement = agreement,
    };

    [Fact]
    public void TheAgreementRoundTripsThroughAPracticeFileAndTheStoredDocument()
    {
        var practice = Clinic(First with { PracticeSigner = new AgreementSigner("Dr. \"Sam\" O'Neil", "Owner, MD") });

        var file = PracticeFileWriter.Write(practice);
        var read = PracticeFileReader.Parse(file, "lakeside.yaml");
        var document = PracticeDocument.Read(PracticeDocument.Write(practice));

        Assert.Contains("agreement:\n  signed: 2026-01-12\n", file);
        Assert.Equal(practice.Agreement, read.Agreement);
        Assert.Equal(practice.Agreement, document.Agreement);
        Assert.Equal(file, PracticeFileWriter.Write(read));
        Assert.Null(PracticeDocument.Read(PracticeDocument.Write(Clinic(null))).Agreement);
        Assert.DoesNotContain("agreement", PracticeFileWriter.Write(Clinic(null)));
    }

    [Fact]
    public void AnAgreementWithoutWhoRecordedItIsLeftForTheImportToStamp()
    {
        const string text = """
            id: lakeside-family
            name: Lakeside
            timeZone: America/Chicago
            agreement: { signed: 2026-01-12, version: "2026-1", practiceSigner: { name: Dana Whitfield, title: Practice Manager }, serviceSigner: { name: Morgan Reyes, title: Operations Director } }
            """;

        var agreement = PracticeFileReader.Parse(text, "lakeside.yaml").Agreement!;
        var stamped = agreement.StampedBy("alice", First.RecordedAt);

        Assert.Equal(string.Empty, agreement.RecordedBy);
        Assert.Equal(("alice", First.RecordedAt), (stamped.RecordedBy, stamped.RecordedAt));
        Assert.Same(stamped, stamped.StampedBy("bob", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void AnIncompleteAgreementIsRefusedWithItsLines()
    {
        const string text = """
            id: lakeside-family
            name: Lakeside
            timeZone: America/Chicago
            agreement:
              signed: 2026-13-01
              version: ""
              practiceSigner: { name: "Dana Whitfield" }
              recordedBy: cli:olga
              witness: nobody
            """;

        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(text, "lakeside.yaml")).Errors;

        Assert.Contains("lakeside.yaml:5: signed is a date like 2026-12-24, not '2026-13-01'", errors);
        Assert.Contains("lakeside.yaml:6: 'version' must be a single value", errors);
        Assert.Contains("lakeside.yaml:7: 'title' is missing", errors);
        Assert.Contains(errors, e => e.StartsWith("lakeside.yaml:5: 'serviceSigner' is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("lakeside.yaml:5: recordedBy and recordedAt go together", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("lakeside.yaml:9: unknown key 'witness'", StringComparison.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task RecordingANewAgreementReplacesTheCurrentOneAndTheRevisionsKeepTheEarlier(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqlitePracticeStore(temp.Database, TimeProvider.System);
        var second = First with { Signed = new DateOnly(2026, 11, 2), Version = "2026-2", RecordedAt = First.RecordedAt.AddMonths(10) };

        await store.SaveAsync(Clinic(null), "alice");
        await store.SaveAsync(Clinic(First), "cli:olga");
        await store.SaveAsync(Clinic(second), "cli:olga");

        Assert.Equal(second, (await store.GetAsync("lakeside-family"))!.Agreement);
        Assert.Equal([null, "2026-1", "2026-2"], (await store.RevisionsAsync("lakeside-family")).Select(r => r.Practice.Agreement?.Version));
        Assert.Equal(First, (await store.RevisionsAsync("lakeside-family"))[1].Practice.Agreement);
    }
}
