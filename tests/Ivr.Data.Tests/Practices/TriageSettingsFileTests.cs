using Ivr.Data.Practices;
using Ivr.Data.Tests.Support;
using Ivr.Domain.Practices;
using Ivr.Domain.Triage;

namespace Ivr.Data.Tests.Practices;

/// <summary>Needs nothing: a practice file's <c>triage:</c> section read, written back, defaulted when absent, kept in the stored document, and its mistakes reported with their lines.</summary>
public sealed class TriageSettingsFileTests
{
    private const string Head = """
        id: riverside
        name: Riverside
        timeZone: America/New_York

        """;

    private static Practice Riverside() => PracticeFileReader.Read(Path.Combine(RepositoryFiles.Root, "practices", "riverside-pediatrics.yaml"));

    [Fact]
    public void NamedRungsGetTheirActionsAndTheOthersKeepTheDefaults()
    {
        var practice = PracticeFileReader.Parse(Head + """
            triage:
              actions:
                see-today: [urgent-message, appointment-request]
                within-24-hours: [appointment-request, urgent-message]
                home-care: [morning-report, appointment-request]
            """, "riverside.yaml");

        Assert.Equal(TriageActions.UrgentMessage | TriageActions.AppointmentRequest, practice.Triage.ActionsFor(Disposition.Within24Hours));
        Assert.Equal(TriageActions.MorningReport | TriageActions.AppointmentRequest, practice.Triage.ActionsFor(Disposition.HomeCare));
        Assert.Equal(DispositionActions.For(Disposition.EmergencyDepartmentNow), practice.Triage.ActionsFor(Disposition.EmergencyDepartmentNow));
        Assert.Equal(DispositionActions.For(Disposition.Within3Days), practice.Triage.ActionsFor(Disposition.Within3Days));
        Assert.False(practice.Triage.IsDefault);
    }

    [Fact]
    public void TheSectionRoundTripsThroughExportWithOnlyTheChangedRungs()
    {
        var practice = Riverside() with
        {
            Triage = new TriageSettings
            {
                Actions = new Dictionary<Disposition, TriageActions>
                {
                    [Disposition.SeeToday] = DispositionActions.For(Disposition.SeeToday),
                    [Disposition.Within24Hours] = TriageActions.UrgentMessage | TriageActions.AppointmentRequest,
                },
            },
        };

        var written = PracticeFileWriter.Write(practice);
        var again = PracticeFileReader.Parse(written, "exported.yaml");

        Assert.Contains("triage:\n  actions:\n    within-24-hours: [urgent-message, appointment-request]\n", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("see-today", written, StringComparison.Ordinal);
        Assert.Equal(TriageActions.UrgentMessage | TriageActions.AppointmentRequest, again.Triage.ActionsFor(Disposition.Within24Hours));
        Assert.Equal(written, PracticeFileWriter.Write(again));
    }

    [Fact]
    public void AFileWithoutTriageGetsTheDefaultsAndExportsWithoutIt()
    {
        var practice = Riverside();

        Assert.True(practice.Triage.IsDefault);
        Assert.All(Dispositions.All, d => Assert.Equal(DispositionActions.For(d), practice.Triage.ActionsFor(d)));
        Assert.DoesNotContain("triage:", PracticeFileWriter.Write(practice), StringComparison.Ordinal);
    }

    [Fact]
    public void TheHarborFileAsksForAnAppointmentAfterHomeCare()
    {
        var practice = PracticeFileReader.Read(Path.Combine(RepositoryFiles.Root, "practices", "harbor-internal-medicine.yaml"));

        Assert.Equal(TriageActions.MorningReport | TriageActions.AppointmentRequest, practice.Triage.ActionsFor(Disposition.HomeCare));
        Assert.Equal([Disposition.HomeCare], Dispositions.All.Where(d => practice.Triage.ActionsFor(d) != DispositionActions.For(d)));
    }

    [Fact]
    public void EveryMistakeIsReportedWithItsLine()
    {
        var text = Head + """
            triage:
              actions:
                see-later: [morning-report]
                see-today: [urgent-message, fax-the-office]
                within-24-hours: [urgent-message, morning-report]
                within-3-days: [appointment-request, offer-patch]
                home-care: morning-report
              pager: on
            """;

        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(text, "riverside.yaml")).Errors;

        Assert.Contains($"riverside.yaml:6: 'see-later' is not a disposition; choose from {Dispositions.Choices}", errors);
        Assert.Contains($"riverside.yaml:7: 'fax-the-office' is not an action; choose from {TriageActionRules.Choices}", errors);
        Assert.Contains("riverside.yaml:8: within-24-hours: urgent-message and morning-report do not go together (a message is urgent or waits for the morning report)", errors);
        Assert.Contains("riverside.yaml:9: within-3-days reaches no one: it needs urgent-message, morning-report, page-physician-now or urgent-notice-after-call", errors);
        Assert.Contains($"riverside.yaml:10: home-care is a list of actions: [{TriageActionRules.Choices}]", errors);
        Assert.Contains(errors, e => e.StartsWith("riverside.yaml:11: unknown key 'pager'", StringComparison.Ordinal));
        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void AnEmptyListReachesNoOne()
    {
        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(Head + "triage: { actions: { see-now: [] } }", "riverside.yaml")).Errors;

        Assert.Equal(["riverside.yaml:4: see-now reaches no one: it needs urgent-message, morning-report, page-physician-now or urgent-notice-after-call"], errors);
    }

    [Fact]
    public void TheStoredDocumentKeepsTheMappingAndAnOlderDocumentGetsTheDefaults()
    {
        var practice = Riverside() with
        {
            Triage = new TriageSettings { Actions = new Dictionary<Disposition, TriageActions> { [Disposition.Within3Days] = TriageActions.UrgentMessage } },
        };
        var older = System.Text.Json.Nodes.JsonNode.Parse(Ivr.Data.PracticeDocument.Write(Riverside()))!.AsObject();
        older.Remove("Triage");

        var stored = Ivr.Data.PracticeDocument.Read(Ivr.Data.PracticeDocument.Write(practice)).Triage;

        Assert.Equal(TriageActions.UrgentMessage, stored.ActionsFor(Disposition.Within3Days));
        Assert.Equal(DispositionActions.For(Disposition.SeeToday), stored.ActionsFor(Disposition.SeeToday));
        Assert.True(Ivr.Data.PracticeDocument.Read(older.ToJsonString()).Triage.IsDefault);
    }
}
