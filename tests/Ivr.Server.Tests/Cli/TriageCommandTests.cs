using Ivr.Domain.Audit;
using Ivr.Domain.Triage;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs a temporary SQLite file: a kept triage read from the command line, as words or FHIR, and each read audited.</summary>
public sealed class TriageCommandTests
{
    private static string[] Examples => Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "protocols", "examples"), "*.yaml");

    [Fact]
    public async Task AKeptTriageReadsAsItsPathwayOrAsFhirAndEachReadIsAudited()
    {
        await using var service = await new TempService().MigratedAsync();
        await service.RunAsync(["protocol", "import", .. Examples]);
        var start = new DateTimeOffset(2026, 12, 2, 8, 10, 0, TimeSpan.Zero);
        var callId = await service.Get<Ivr.Domain.Calls.ICallRecordStore>().StartAsync(new Ivr.Domain.Calls.CallRecord { UniqueId = "1764663000.1", PracticeId = "riverside-pediatrics", DialedNumber = "15550100", StartedAt = start });
        var session = new TriageSession("nurse-garcia", new Microsoft.Extensions.Time.Testing.FakeTimeProvider(start));
        session.Use((await service.Get<IProtocolStore>().GetAsync("fever-child"))!);
        session.Answer(yes: false);
        session.Answer(yes: true);
        session.OverrideTo(Disposition.SeeClinicianNow, "baby 13 weeks old, checked the birth date");
        var id = await service.Get<ITriageRecordStore>().SaveAsync(new TriageRecord { CallRecordId = callId, PracticeId = "riverside-pediatrics", Pathway = session.Complete() });

        var (showExit, shown) = await service.RunAsync("triage", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (fhirExit, fhir) = await service.RunAsync("triage", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--fhir");
        var (missingExit, _) = await service.RunAsync("triage", "show", "99");

        Assert.Equal(0, showExit);
        Assert.Contains($"Triage {id} for riverside-pediatrics (call {callId}): final see-now (see a clinician now (office or urgent care)), computed ed-now", shown);
        Assert.Contains("  fever-child version 1 (Fever in a child, example, not for clinical use): ed-now", shown);
        Assert.Contains("    yes  Is the child younger than 12 weeks", shown);
        Assert.Contains("  override down from ed-now to see-now by nurse-garcia: baby 13 weeks old, checked the birth date", shown);
        Assert.Contains("  awaiting the on-call physician's review (a downgrade)", shown);
        Assert.Equal(0, fhirExit);
        Assert.StartsWith("{\"resourceType\":\"Bundle\"", fhir, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"see-now\"", fhir);
        Assert.Equal(1, missingExit);
        var audit = await service.Get<IAuditLog>().ListAsync(30);
        Assert.Contains(audit, e => e.Action == "triage.show" && e.SubjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(audit, e => e.Action == "triage.export");
    }
}
