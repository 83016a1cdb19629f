using Ivr.Data.Practices;
using Ivr.Data.Tests.Support;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;

namespace Ivr.Data.Tests.Practices;

/// <summary>Needs nothing: practice files read, validated with line numbers, and written back unchanged.</summary>
public sealed class PracticeFileTests
{
    [Theory]
    [InlineData("riverside-pediatrics.yaml")]
    [InlineData("harbor-internal-medicine.yaml")]
    public void TheShippedPracticeFilesReadAndRoundTripThroughExport(string file)
    {
        var practice = PracticeFileReader.Read(Path.Combine(RepositoryFiles.Root, "practices", file));

        var again = PracticeFileReader.Parse(PracticeFileWriter.Write(practice), "exported.yaml");

        Assert.Equal(PracticeFileWriter.Write(practice), PracticeFileWriter.Write(again));
        Assert.Equal(practice.Clinicians.SelectMany(c => c.Contacts), again.Clinicians.SelectMany(c => c.Contacts));
        Assert.Equal(practice.Rotations.Select(r => (r.Name, r.Layer, r.Period, r.Handoff, r.HandoffDay, r.Start, string.Join(",", r.Members))),
            again.Rotations.Select(r => (r.Name, r.Layer, r.Period, r.Handoff, r.HandoffDay, r.Start, string.Join(",", r.Members))));
    }

    [Fact]
    public void TheRiversideFileSaysWhatItMeans()
    {
        var practice = PracticeFileReader.Read(Path.Combine(RepositoryFiles.Root, "practices", "riverside-pediatrics.yaml"));

        Assert.Equal(CoverageMode.AfterHours, practice.Coverage);
        Assert.Equal([new OpeningInterval(new TimeOnly(8, 0), new TimeOnly(12, 0)), new OpeningInterval(new TimeOnly(13, 0), new TimeOnly(17, 0))], practice.Hours.On(DayOfWeek.Friday));
        Assert.Empty(practice.Hours.On(DayOfWeek.Saturday));
        Assert.Equal("Christmas Eve", practice.Holidays.On(new DateOnly(2026, 12, 24))!.Name);
        Assert.Equal("Christmas Day", practice.Holidays.On(new DateOnly(2026, 12, 25))!.Name);
        var nurses = practice.Rotations.Single(r => r.Layer == Layers.Backup);
        Assert.Equal((RotationPeriod.Daily, new TimeOnly(8, 0)), (nurses.Period, nurses.Handoff));
        Assert.Equal(ContactKind.Email, practice.Clinician("dr-lee")!.Contacts[1].Kind);
        Assert.Equal(new EscalationPolicy(TimeSpan.FromMinutes(5), 3), practice.Escalation);
        Assert.Equal(ClinicianRole.PracticeAdmin, practice.Clinician("front-desk")!.Role);
    }

    [Fact]
    public void EscalationAndWebhookMistakesAreReportedWithTheirLines()
    {
        const string text = """
            id: riverside
            name: Riverside
            timeZone: America/New_York
            escalation: { repeatSeconds: 5, attempts: 0 }
            webhook: "http://hooks.example.org/riverside"
            clinicians: []
            rotations: []
            """;

        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(text, "riverside.yaml")).Errors;

        Assert.Contains("riverside.yaml:4: repeatSeconds is a whole number from 15 to 3600, not '5'", errors);
        Assert.Contains("riverside.yaml:4: attempts is a whole number from 1 to 10, not '0'", errors);
        Assert.Contains("riverside.yaml:5: webhook 'http://hooks.example.org/riverside' must be an https URL (plain http only to a loopback address)", errors);
    }

    [Theory]
    [InlineData("shared", "the answering service's shared prompts")]
    [InlineData("answering-service", "the calls to unknown numbers")]
    public void AnIdThatNamesSomethingElseIsRefused(string id, string what)
    {
        var text = $"id: {id}\nname: Riverside\ntimeZone: America/New_York\n";

        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(text, "riverside.yaml")).Errors;

        Assert.Contains($"riverside.yaml:1: id '{id}' is reserved (it names {what}); choose another", errors);
    }

    [Theory]
    [InlineData("office: { dial: \"PJSIP/office,,U(evil)\", ringSeconds: 20 }", "dial 'PJSIP/office,,U(evil)' is not a dial string")]
    [InlineData("emergencyFallback: \"PJSIP/fallback&PJSIP/eavesdropper\"", "emergencyFallback 'PJSIP/fallback&PJSIP/eavesdropper' is not a dial string")]
    [InlineData("emergencyFallback: \"PJSIP/fallback|30|G(x)\"", "emergencyFallback 'PJSIP/fallback|30|G(x)' is not a dial string")]
    [InlineData("clinicians: [{ id: dr-a, name: A, contacts: [{ sip: \"PJSIP/a^b\" }] }]", "sip 'PJSIP/a^b' is not a dial string")]
    [InlineData("clinicians: [{ id: dr-a, name: A, contacts: [{ phone: \"555,1234\" }] }]", "phone '555,1234' is not a phone number")]
    public void ADialStringWithAnOptionSeparatorIsRefused(string line, string error)
    {
        var text = $"id: riverside\nname: Riverside\ntimeZone: America/New_York\n{line}\n";

        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(text, "riverside.yaml")).Errors;

        Assert.Contains(errors, e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void TheShippedPracticesDialStringsAreAccepted()
    {
        var text = "id: riverside\nname: Riverside\ntimeZone: America/New_York\n"
            + "office: { dial: \"PJSIP/sipp/sip:office@127.0.0.1:5095\", ringSeconds: 20 }\n"
            + "emergencyFallback: \"PJSIP/sipp/sip:fallback@127.0.0.1:5090\"\n"
            + "clinicians: [{ id: dr-a, name: A, contacts: [{ sip: \"PJSIP/drlee\" }, { phone: \"+1 (555) 000-1111\" }] }]\n";

        var practice = PracticeFileReader.Parse(text, "riverside.yaml");

        Assert.Equal("PJSIP/sipp/sip:fallback@127.0.0.1:5090", practice.EmergencyFallbackDial);
    }

    [Fact]
    public void EveryErrorNamesTheFileAndLineAndNothingIsAccepted()
    {
        const string text = """
            id: riverside
            name: Riverside
            timeZone: America/Nowhere
            coverage: overflow
            hours:
              monday: "17:00-08:00"
            clinicians:
              - id: dr-lee
                name: Dr. Lee
                contacts:
                  - { sip: "PJSIP/drlee", phone: "5550001111" }
            rotations:
              - name: physicians
                handoff: "monday 8am"
                start: 2026-11-02
                members: [dr-lee, dr-who]
            colour: blue
            """;

        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(text, "riverside.yaml")).Errors;

        Assert.Contains("riverside.yaml:3: 'America/Nowhere' is not an IANA time zone (e.g. America/New_York, Pacific/Honolulu)", errors);
        Assert.Contains(errors, e => e.StartsWith("riverside.yaml:4: overflow coverage rings the office first", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("riverside.yaml:6: '17:00-08:00' is not an opening interval", StringComparison.Ordinal));
        Assert.Contains("riverside.yaml:11: a contact has exactly one of sip, phone or email", errors);
        Assert.Contains(errors, e => e.StartsWith("riverside.yaml:14: a weekly handoff is a weekday and a time", StringComparison.Ordinal));
        Assert.Contains("riverside.yaml:16: rotation 'physicians' names 'dr-who', who is not among the clinicians", errors);
        Assert.Contains(errors, e => e.StartsWith("riverside.yaml:17: unknown key 'colour'", StringComparison.Ordinal));
    }

    [Fact]
    public void BrokenYamlIsReportedWithItsLine()
    {
        var error = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse("id: x\nname: [unclosed\ntimeZone: UTC\n", "broken.yaml"));

        Assert.StartsWith("broken.yaml:", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void JsonIsAcceptedToo()
    {
        var practice = PracticeFileReader.Parse("""{ "id": "json-clinic", "name": "Json Clinic", "timeZone": "UTC", "coverage": "24/7", "numbers": ["5550300"] }""", "clinic.json");

        Assert.Equal(CoverageMode.AlwaysOn, practice.Coverage);
        Assert.Equal(["5550300"], practice.Numbers);
    }

    [Fact]
    public void ATypedGreetingRoundTripsThroughExportAndATooLongOneIsRefused()
    {
        var practice = PracticeFileReader.Read(Path.Combine(RepositoryFiles.Root, "practices", "riverside-pediatrics.yaml")) with
        {
            GreetingPromptId = "greeting-riverside-pediatrics-0a1b2c3d",
            GreetingText = "Thank you for calling \"Riverside\".",
        };
        var tooLong = PracticeFileWriter.Write(practice with { GreetingText = new string('a', PracticeRules.MaxGreetingLength + 1) });

        var again = PracticeFileReader.Parse(PracticeFileWriter.Write(practice), "exported.yaml");

        Assert.Equal((practice.GreetingPromptId, practice.GreetingText), (again.GreetingPromptId, again.GreetingText));
        Assert.Contains(Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(tooLong, "long.yaml")).Errors, e => e.Contains("keep it under", StringComparison.Ordinal));
    }
}
