using Ivr.Domain.Audit;
using Ivr.Domain.Practices;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs a temporary SQLite file: a practice's business associate agreement recorded, shown, kept in its history, and typing mistakes refused.</summary>
public sealed class AgreementCommandTests
{
    private const string Practice = "riverside-pediatrics";

    private static async Task<TempService> WithPracticeAsync()
    {
        var service = await new TempService().MigratedAsync();
        var (exitCode, output) = await service.RunAsync("practice", "import", Path.Combine(RepositoryFiles.Root, "practices", $"{Practice}.yaml"), "--by", "alice");
        Assert.True(exitCode == 0, output);
        return service;
    }

    private static Task<(int ExitCode, string Output)> RecordAsync(TempService service, string signed, string practiceSigner = "Dana Whitfield, Practice Manager", string serviceSigner = "Morgan Reyes, Operations Director", string practice = Practice, string version = "2026-2") =>
        service.RunAsync("practice", "agreement", "record", "--practice", practice, "--signed", signed, "--version", version,
            "--practice-signer", practiceSigner, "--service-signer", serviceSigner, "--by", "olga");

    [Fact]
    public async Task RecordingAnAgreementReplacesTheCurrentOneWhichStaysInTheHistoryAndIsAudited()
    {
        await using var service = await WithPracticeAsync();

        var (recordExit, recorded) = await RecordAsync(service, "2026-11-02", "Pat Quinn, Medical Director");
        var (showExit, shown) = await service.RunAsync("practice", "agreement", "show", "--practice", Practice);
        var (_, exported) = await service.RunAsync("practice", "export", Practice);

        Assert.Equal(0, recordExit);
        Assert.Contains($"recorded the business associate agreement of {Practice} (revision 2): version 2026-2 signed 2026-11-02; replaces version sample-2026 signed 2026-01-12", recorded);
        Assert.Equal(0, showExit);
        Assert.Contains("signed:          2026-11-02", shown);
        Assert.Contains("practice signer: Pat Quinn, Medical Director", shown);
        Assert.Contains("service signer:  Morgan Reyes, Operations Director", shown);
        Assert.Contains($"recorded by:     olga (os user {Environment.UserName})", shown);
        Assert.True(shown.IndexOf("Earlier agreements", StringComparison.Ordinal) < shown.IndexOf("version sample-2026 signed 2026-01-12", StringComparison.Ordinal));
        Assert.Contains("practice signer: Dana Whitfield, Practice Manager", shown);
        Assert.Contains("practiceSigner: { name: \"Pat Quinn\", title: \"Medical Director\" }", exported);
        var stored = (await service.Get<IPracticeStore>().GetAsync(Practice))!.Agreement!;
        Assert.Equal((new DateOnly(2026, 11, 2), "2026-2", new AgreementSigner("Pat Quinn", "Medical Director")), (stored.Signed, stored.Version, stored.PracticeSigner));
        var revisions = await service.Get<IPracticeStore>().RevisionsAsync(Practice);
        Assert.Equal(["sample-2026", "2026-2"], revisions.Select(r => r.Practice.Agreement!.Version));
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(10), e => e.Action == "practice.agreement.record" && e.SubjectId == Practice
            && e.Actor == $"olga (os user {Environment.UserName})" && e.Detail == "revision 2: version 2026-2 signed 2026-11-02; replaces version sample-2026 signed 2026-01-12");
    }

    [Fact]
    public async Task AFutureDateAnEmptySignerASignerWithoutTitleAndAnUnknownPracticeAreRefusedWithUsageErrors()
    {
        await using var service = await WithPracticeAsync();
        var tomorrow = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (futureExit, future) = await RecordAsync(service, tomorrow);
        var (emptyExit, empty) = await RecordAsync(service, "2026-11-02", practiceSigner: "  ");
        var (untitledExit, untitled) = await RecordAsync(service, "2026-11-02", serviceSigner: "Morgan Reyes");
        var (badDateExit, badDate) = await RecordAsync(service, "11/02/2026");
        var (unknownExit, unknown) = await RecordAsync(service, "2026-11-02", practice: "nowhere");
        var (missingExit, missing) = await service.RunAsync("practice", "agreement", "record", "--practice", Practice, "--signed", "2026-11-02");

        Assert.Equal((2, 2, 2, 2, 2, 2), (futureExit, emptyExit, untitledExit, badDateExit, unknownExit, missingExit));
        Assert.Contains($"ivr practice agreement record: --signed: the agreement cannot be signed in the future ({tomorrow} is after today", future);
        Assert.Contains("--practice-signer: the practice signer is empty", empty);
        Assert.Contains("--service-signer: the service signer 'Morgan Reyes' has no title; give \"Name, Title\"", untitled);
        Assert.Contains("--signed takes a date like 2026-11-02, not '11/02/2026'", badDate);
        Assert.Contains("no practice 'nowhere'", unknown);
        Assert.Contains("--version", missing);
        Assert.Equal("sample-2026", (await service.Get<IPracticeStore>().GetAsync(Practice))!.Agreement!.Version);
        Assert.Single(await service.Get<IPracticeStore>().RevisionsAsync(Practice));
        Assert.DoesNotContain(await service.Get<IAuditLog>().ListAsync(20), e => e.Action == "practice.agreement.record");
    }

    [Fact]
    public async Task APracticeWithoutAnAgreementIsShownAsSuchAndAnImportWithoutOneKeepsTheRecordedOne()
    {
        await using var service = await WithPracticeAsync();
        var bare = Path.Combine(service.Directory, "clinic.yaml");
        await File.WriteAllTextAsync(bare, "id: clinic\nname: Clinic\ntimeZone: UTC\nnumbers: [\"5550900\"]\n");
        var (_, exported) = await service.RunAsync("practice", "export", Practice);
        var withoutAgreement = Path.Combine(service.Directory, "riverside.yaml");
        await File.WriteAllTextAsync(withoutAgreement, System.Text.RegularExpressions.Regex.Replace(exported, "^agreement:\n(  .*\n)+", string.Empty, System.Text.RegularExpressions.RegexOptions.Multiline));

        var (importExit, imported) = await service.RunAsync("practice", "import", bare, withoutAgreement);
        var (showExit, shown) = await service.RunAsync("practice", "agreement", "show", "--practice", "clinic");

        Assert.DoesNotContain("agreement", await File.ReadAllTextAsync(withoutAgreement));
        Assert.Equal(0, importExit);
        Assert.Contains("imported clinic (revision 1)", imported);
        Assert.Contains("warning: no business associate agreement recorded: its callers hear the emergency instruction only", imported);
        Assert.Contains("agreement: kept the recorded one, version sample-2026 signed 2026-01-12", imported);
        Assert.Equal("sample-2026", (await service.Get<IPracticeStore>().GetAsync(Practice))!.Agreement!.Version);
        Assert.Null((await service.Get<IPracticeStore>().GetAsync("clinic"))!.Agreement);
        Assert.Equal(1, showExit);
        Assert.Contains("clinic: no business associate agreement recorded.", shown);
    }
}
