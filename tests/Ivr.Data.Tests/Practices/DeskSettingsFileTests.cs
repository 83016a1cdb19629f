using Ivr.Data.Practices;
using Ivr.Data.Tests.Support;
using Ivr.Domain.Desk;
using Ivr.Domain.Practices;

namespace Ivr.Data.Tests.Practices;

/// <summary>Needs nothing: a practice file's <c>desk:</c> section read, written back, defaulted when absent, and its mistakes reported with their lines.</summary>
public sealed class DeskSettingsFileTests
{
    private static Practice Riverside() => PracticeFileReader.Read(Path.Combine(RepositoryFiles.Root, "practices", "riverside-pediatrics.yaml"));

    [Fact]
    public void DeskSettingsRoundTripThroughExport()
    {
        var practice = Riverside() with
        {
            Desk = new DeskSettings
            {
                LivePerson = LivePersonPolicy.OperatorsDuringHours,
                OperatorHours = new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
                {
                    [DayOfWeek.Saturday] = [new(new TimeOnly(8, 0), OpeningInterval.Midnight)],
                    [DayOfWeek.Monday] = [new(new TimeOnly(17, 0), new TimeOnly(22, 0))],
                }),
                MaxHold = TimeSpan.FromSeconds(120),
                AfterMaxHoldDoctor = false,
                ServiceLevelTarget = new ServiceLevelTarget(90, TimeSpan.FromSeconds(30)),
                Instructions = "Never page for prescription refills.\nED transfers: page the doctor first (\"stat\").",
                OperatorGreeting = "{practice}, this is {operator}. How may I help?",
                UrgentLines = [PhoneNumbers.Normalize(Riverside().Numbers[0])],
            },
        };

        var written = PracticeFileWriter.Write(practice);
        var again = PracticeFileReader.Parse(written, "exported.yaml").Desk;

        Assert.Contains("desk:\n  livePerson: \"operators-during-hours\"\n", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(LivePersonPolicy.OperatorsDuringHours, again.LivePerson);
        Assert.Equal([new OpeningInterval(new TimeOnly(8, 0), OpeningInterval.Midnight)], again.OperatorHours.On(DayOfWeek.Saturday));
        Assert.Equal([new OpeningInterval(new TimeOnly(17, 0), new TimeOnly(22, 0))], again.OperatorHours.On(DayOfWeek.Monday));
        Assert.Empty(again.OperatorHours.On(DayOfWeek.Sunday));
        Assert.Equal(TimeSpan.FromSeconds(120), again.MaxHold);
        Assert.False(again.AfterMaxHoldDoctor);
        Assert.Equal(new ServiceLevelTarget(90, TimeSpan.FromSeconds(30)), again.ServiceLevelTarget);
        Assert.Equal(practice.Desk.Instructions, again.Instructions);
        Assert.Equal(practice.Desk.OperatorGreeting, again.OperatorGreeting);
        Assert.Equal(practice.Desk.UrgentLines, again.UrgentLines);
        Assert.True(again.IsUrgentLine(Riverside().Numbers[0]));
        Assert.Equal(written, PracticeFileWriter.Write(PracticeFileReader.Parse(written, "exported.yaml")));
    }

    [Fact]
    public void AFileWithoutDeskGetsTheDefaultsAndExportsWithoutIt()
    {
        var practice = Riverside();

        Assert.True(practice.Desk.IsDefault);
        Assert.Equal(LivePersonPolicy.OperatorsFirst, practice.Desk.LivePerson);
        Assert.Equal(TimeSpan.FromSeconds(90), practice.Desk.MaxHold);
        Assert.Equal(new ServiceLevelTarget(80, TimeSpan.FromSeconds(20)), practice.Desk.ServiceLevelTarget);
        Assert.Equal(DeskSettings.DefaultGreeting, practice.Desk.OperatorGreeting);
        Assert.DoesNotContain("desk:", PracticeFileWriter.Write(practice), StringComparison.Ordinal);
    }

    [Fact]
    public void TheHarborFileSaysWhatItsDeskMeans()
    {
        var practice = PracticeFileReader.Read(Path.Combine(RepositoryFiles.Root, "practices", "harbor-internal-medicine.yaml"));

        Assert.Equal(LivePersonPolicy.OperatorsDuringHours, practice.Desk.LivePerson);
        Assert.Equal([new OpeningInterval(new TimeOnly(16, 30), OpeningInterval.Midnight)], practice.Desk.OperatorHours.On(DayOfWeek.Friday));
        Assert.Equal(TimeSpan.FromSeconds(120), practice.Desk.MaxHold);
        Assert.Equal(new ServiceLevelTarget(80, TimeSpan.FromSeconds(30)), practice.Desk.ServiceLevelTarget);
        Assert.Equal("Harbor Internal Medicine, this is Kai. How can I help?", practice.Desk.RenderGreeting(practice.Name, "Kai"));

        // Friday 17:00 in Honolulu (03:00Z Saturday): operators, if one is signed in; Friday 12:00 (22:00Z): the doctor.
        Assert.Equal(LivePersonRoute.Operators, practice.LivePersonAt(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero), anyOperatorSignedIn: true));
        Assert.Equal(LivePersonRoute.Doctor, practice.LivePersonAt(new DateTimeOffset(2026, 11, 27, 22, 0, 0, TimeSpan.Zero), anyOperatorSignedIn: true));
    }

    [Fact]
    public void APartialDeskKeepsTheDefaultsOfWhatItLeavesOut()
    {
        const string text = """
            id: riverside
            name: Riverside
            timeZone: America/New_York
            desk:
              maxHoldSeconds: 60
            """;

        var desk = PracticeFileReader.Parse(text, "riverside.yaml").Desk;

        Assert.Equal(TimeSpan.FromSeconds(60), desk.MaxHold);
        Assert.Equal((LivePersonPolicy.OperatorsFirst, true, ServiceLevelTarget.Default, DeskSettings.DefaultGreeting), (desk.LivePerson, desk.AfterMaxHoldDoctor, desk.ServiceLevelTarget, desk.OperatorGreeting));
    }

    [Fact]
    public void AnUrgentLineMustBeOneOfThePracticesNumbersAndIsKeptNormalised()
    {
        const string text = """
            id: riverside
            name: Riverside
            timeZone: America/New_York
            numbers: ["+1 (555) 010-0100", "5550100200"]
            desk:
              urgentLines: ["555-010-0200"]
            """;
        const string wrong = """
            id: riverside
            name: Riverside
            timeZone: America/New_York
            numbers: ["5550100100"]
            desk:
              urgentLines: ["5550100999"]
            """;

        var desk = PracticeFileReader.Parse(text, "riverside.yaml").Desk;
        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(wrong, "riverside.yaml")).Errors;

        Assert.Equal(["5550100200"], desk.UrgentLines);
        Assert.True(desk.IsUrgentLine("+15550100200"));
        Assert.False(desk.IsUrgentLine("5550100100"));
        Assert.Equal(["riverside.yaml:6: urgent line '5550100999' is not one of the practice's numbers"], errors);
    }

    [Fact]
    public void TheNurseLinesMenuOptionAndRoutingAreReadWrittenBackAndCheckedWithTheirLines()
    {
        const string text = """
            id: riverside
            name: Riverside
            timeZone: America/New_York
            numbers: ["5550100100", "5550100200"]
            desk:
              urgentLines: ["5550100200"]
              nurseOption: true
              nurseRoute: urgent-lines
            """;
        const string wrong = """
            id: riverside
            name: Riverside
            timeZone: America/New_York
            desk:
              nurseOption: sometimes
              nurseRoute: urgent-lines
            """;
        const string unknown = """
            id: riverside
            name: Riverside
            timeZone: America/New_York
            desk: { nurseRoute: everyone }
            """;

        var practice = PracticeFileReader.Parse(text, "riverside.yaml");
        var again = PracticeFileReader.Parse(PracticeFileWriter.Write(practice), "again.yaml");
        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(wrong, "riverside.yaml")).Errors;
        var routeErrors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(unknown, "riverside.yaml")).Errors;

        Assert.Equal((true, NurseRoute.UrgentLines), (practice.Desk.NurseOption, practice.Desk.NurseRoute));
        Assert.Equal((true, NurseRoute.UrgentLines), (again.Desk.NurseOption, again.Desk.NurseRoute));
        Assert.True(practice.Desk.RoutesToNurses(onUrgentLine: true, anyNurseSignedIn: true));
        Assert.False(practice.Desk.RoutesToNurses(onUrgentLine: true, anyNurseSignedIn: false));
        Assert.False(practice.Desk.RoutesToNurses(onUrgentLine: false, anyNurseSignedIn: true));
        Assert.Equal(["riverside.yaml:5: nurseOption is true or false, not 'sometimes'", "riverside.yaml:6: nurseRoute urgent-lines needs the practice's urgentLines"], errors);
        Assert.Equal(["riverside.yaml:4: nurseRoute 'everyone' is not one of: none, urgent-lines, live-person"], routeErrors);
        Assert.True(DeskSettings.Default.IsDefault);
        Assert.False((DeskSettings.Default with { NurseOption = true }).IsDefault);
    }

    [Fact]
    public void BadDeskValuesAreErrorsWithTheirLines()
    {
        var text = $"""
            id: riverside
            name: Riverside
            timeZone: America/New_York
            desk:
              livePerson: operators-during-hours
              maxHoldSeconds: 5
              afterMaxHoldDoctor: maybe
              serviceLevel: {"{"} percent: 0, seconds: 301 {"}"}
              instructions: "{new string('x', 2001)}"
              operatorGreeting: "{"{"}clinic{"}"} answering, this is {"{"}operator{"}"}"
              pager: on
            """;

        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(text, "riverside.yaml")).Errors;

        Assert.Contains("riverside.yaml:5: " + DeskRules.HoursNeeded, errors);
        Assert.Contains("riverside.yaml:6: maxHoldSeconds is a whole number from 15 to 600, not '5'", errors);
        Assert.Contains("riverside.yaml:7: afterMaxHoldDoctor is true or false, not 'maybe'", errors);
        Assert.Contains("riverside.yaml:8: percent is a whole number from 1 to 100, not '0'", errors);
        Assert.Contains("riverside.yaml:8: seconds is a whole number from 5 to 300, not '301'", errors);
        Assert.Contains("riverside.yaml:9: the instructions are 2001 characters; keep them to 2000", errors);
        Assert.Contains("riverside.yaml:10: the operator greeting names {clinic}, which is unknown; use {practice} and {operator}", errors);
        Assert.Contains(errors, e => e.StartsWith("riverside.yaml:11: unknown key 'pager'", StringComparison.Ordinal));
        Assert.Equal(8, errors.Count);
    }

    [Fact]
    public void AnUnknownPolicyIsAnErrorWithItsLine()
    {
        const string text = """
            id: riverside
            name: Riverside
            timeZone: America/New_York
            desk: { livePerson: operators }
            """;

        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(text, "riverside.yaml")).Errors;

        Assert.Equal(["riverside.yaml:4: livePerson 'operators' is not one of: operators-first, doctor-direct, operators-during-hours"], errors);
    }

    [Fact]
    public void TheStoredDocumentKeepsTheDeskAndAnOlderDocumentGetsTheDefaults()
    {
        var practice = Riverside() with
        {
            Desk = new DeskSettings
            {
                LivePerson = LivePersonPolicy.OperatorsDuringHours,
                OperatorHours = new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> { [DayOfWeek.Sunday] = [new(new TimeOnly(9, 0), new TimeOnly(13, 0))] }),
                MaxHold = TimeSpan.FromSeconds(45),
                Instructions = "Never page for prescription refills.",
            },
        };
        var older = System.Text.Json.Nodes.JsonNode.Parse(Ivr.Data.PracticeDocument.Write(Riverside()))!.AsObject();
        older.Remove("Desk");

        var stored = Ivr.Data.PracticeDocument.Read(Ivr.Data.PracticeDocument.Write(practice)).Desk;

        Assert.Equal((LivePersonPolicy.OperatorsDuringHours, TimeSpan.FromSeconds(45), "Never page for prescription refills."), (stored.LivePerson, stored.MaxHold, stored.Instructions));
        Assert.Equal([new OpeningInterval(new TimeOnly(9, 0), new TimeOnly(13, 0))], stored.OperatorHours.On(DayOfWeek.Sunday));
        Assert.True(Ivr.Data.PracticeDocument.Read(older.ToJsonString()).Desk.IsDefault);
    }
}
