using Ivr.Data.Practices;
using Ivr.Domain.Ehr;

namespace Ivr.Data.Tests.Practices;

/// <summary>Needs nothing: a practice file's <c>ehr:</c> section read, written back, kept in the stored document, and its mistakes reported with their lines.</summary>
public sealed class EhrSettingsFileTests
{
    private const string Head = """
        id: riverside
        name: Riverside
        timeZone: America/New_York

        """;

    [Fact]
    public void TheSectionRoundTripsThroughTheFileAndTheStoredDocument()
    {
        var practice = PracticeFileReader.Parse(Head + """
            ehr:
              baseUrl: https://ehr.example/fhir/
              tokenUrl: https://ehr.example/oauth2/token
              clientId: ivr-riverside
              privateKeyFile: /etc/ivr/ehr-riverside.pem
              keyId: key-2026
              level: book
              schedules: [dr-chen, dr-ortiz]
              sendMessageText: true
            """, "riverside.yaml");

        var ehr = practice.Ehr;
        Assert.Equal(new Uri("https://ehr.example/fhir/"), ehr.BaseUrl);
        Assert.Equal(new Uri("https://ehr.example/oauth2/token"), ehr.TokenUrl);
        Assert.Equal(("ivr-riverside", "/etc/ivr/ehr-riverside.pem", "key-2026"), (ehr.ClientId, ehr.PrivateKeyFile, ehr.KeyId));
        Assert.Equal(EhrLevel.Book, ehr.Level);
        Assert.Equal(["dr-chen", "dr-ortiz"], ehr.Schedules);
        Assert.True(ehr.SendMessageText);
        Assert.True(ehr.Linked);

        var again = PracticeFileReader.Parse(PracticeFileWriter.Write(practice), "export.yaml").Ehr;
        var stored = PracticeDocument.Read(PracticeDocument.Write(practice)).Ehr;
        foreach (var copy in new[] { again, stored })
        {
            Assert.Equal(ehr with { Schedules = [] }, copy with { Schedules = [] });
            Assert.Equal(ehr.Schedules, copy.Schedules);
        }
    }

    [Fact]
    public void APracticeWithoutTheSectionHasNoLinkAndExportsWithoutIt()
    {
        var practice = PracticeFileReader.Parse(Head, "riverside.yaml");

        Assert.Same(EhrSettings.None, practice.Ehr);
        Assert.False(practice.Ehr.Linked);
        Assert.DoesNotContain("ehr:", PracticeFileWriter.Write(practice), StringComparison.Ordinal);
    }

    [Fact]
    public void MistakesAreReportedWithTheirLines()
    {
        var error = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(Head + """
            ehr:
              baseUrl: http://ehr.example/fhir/
              level: book
              schedules: []
              colour: blue
            """, "riverside.yaml"));

        Assert.Contains("riverside.yaml:5: baseUrl is an https address like https://ehr.example/fhir/ (plain http only to localhost), not 'http://ehr.example/fhir/'", error.Errors);
        Assert.Contains(error.Errors, e => e.StartsWith("riverside.yaml:", StringComparison.Ordinal) && e.Contains("needs clientId", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("riverside.yaml:", StringComparison.Ordinal) && e.Contains("needs privateKeyFile", StringComparison.Ordinal));
        Assert.Contains("riverside.yaml:7: ehr level book needs schedules, the Schedule ids whose free Slots may be offered", error.Errors);
        Assert.Contains(error.Errors, e => e.StartsWith("riverside.yaml:8:", StringComparison.Ordinal) && e.Contains("colour", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("level: sometimes", "riverside.yaml:5: level 'sometimes' is not one of: none, inform, propose, book")]
    public void AnUnknownLevelIsRefused(string line, string expected)
    {
        var error = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(Head + "ehr:\n  " + line + "\n", "riverside.yaml"));

        Assert.Contains(expected, error.Errors);
    }

    [Fact]
    public void PlainHttpIsAllowedToThisMachineOnly()
    {
        var practice = PracticeFileReader.Parse(Head + """
            ehr:
              baseUrl: http://localhost:8080/fhir/
              clientId: test
              privateKeyFile: key.pem
              level: inform
            """, "riverside.yaml");

        Assert.Equal(new Uri("http://localhost:8080/fhir/"), practice.Ehr.BaseUrl);
    }
}
