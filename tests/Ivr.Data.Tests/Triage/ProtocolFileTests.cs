using Ivr.Data.Tests.Support;
using Ivr.Data.Triage;
using Ivr.Domain.Triage;

namespace Ivr.Data.Tests.Triage;

/// <summary>Needs nothing: protocol files read, and refused with every error on its line.</summary>
public sealed class ProtocolFileTests
{
    private static string Folder => Path.Combine(RepositoryFiles.Root, "protocols", "examples");

    public static TheoryData<string> Examples => [.. Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryShippedExampleReadsAndSaysItIsNotForClinicalUse(string file)
    {
        var path = Path.Combine(RepositoryFiles.Root, "protocols", "examples", file);

        var protocol = ProtocolFileReader.Read(path);

        Assert.True(protocol.IsExample);
        Assert.StartsWith("# EXAMPLE, NOT FOR CLINICAL USE.", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), protocol.Id);
        Assert.Empty(ProtocolRules.Check(protocol));
        Assert.NotEmpty(protocol.HomeCareAdvice);
        Assert.Equal(Disposition.Call911Now, protocol.Questions[0].Disposition);
    }

    [Fact]
    public void TheExamplesCoverTheSeedsScenarioAndOneAdult()
    {
        var protocols = Directory.GetFiles(Folder, "*.yaml").Select(ProtocolFileReader.Read).ToList();

        Assert.Equal(["fever-child", "rash-after-immunization", "sore-throat-adult", "vaccine-site-reaction"], protocols.Select(p => p.Id).Order());
        Assert.Contains(protocols, p => p.Audience == ProtocolAudience.Adult);
    }

    [Fact]
    public void TheFeverFileSaysWhatItMeans()
    {
        var fever = ProtocolFileReader.Read(Path.Combine(RepositoryFiles.Root, "protocols", "examples", "fever-child.yaml"));

        Assert.Equal(("1", "Fever in a child", ProtocolAudience.Pediatric), (fever.Version, fever.Title, fever.Audience));
        Assert.Contains("temperature", fever.SearchWords);
        Assert.Equal(new TriageQuestion("under-12-weeks", "Is the child younger than 12 weeks with a temperature of 100.4 F (38.0 C) or higher?", Disposition.EmergencyDepartmentNow,
            "Go to the emergency department now. Do not give fever medicine before the baby is seen."), fever.Questions[1]);
        Assert.Equal(Disposition.HomeCare, fever.DefaultDisposition);
        Assert.StartsWith("Fever is the body fighting an infection", fever.HomeCareAdvice, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryErrorOfABadFileIsReportedWithItsLine()
    {
        const string Text = """
            id: Fever Child
            version: "1"
            title: Fever
            audience: elderly
            colour: red
            questions:
              - id: stiff-neck
                ask: Stiff neck?
                disposition: see-now
              - id: blue
                ask: Turning blue?
                disposition: call-911-now
              - id: blue
                ask: Again?
                disposition: home-care
              - id: later
                ask: Later?
                disposition: within-a-week
              - id: no-words
                disposition: home-care
            default:
              disposition: see-today
            example: maybe
            """;

        var errors = Assert.Throws<ProtocolFileException>(() => ProtocolFileReader.Parse(Text, "fever.yaml")).Errors;

        Assert.Equal(
            [
                "fever.yaml:5: unknown key 'colour' (expected one of: id, version, title, audience, example, searchWords, questions, default)",
                "fever.yaml:1: id 'Fever Child' must be lower-case letters, digits and dashes",
                "fever.yaml:4: audience 'elderly' is not adult or pediatric",
                "fever.yaml:10: question 'blue' (call-911-now) is more urgent than 'stiff-neck' before it (see-now); questions run from the highest acuity to the lowest, since the first yes wins",
                "fever.yaml:13: question id 'blue' is used more than once",
                "fever.yaml:18: disposition 'within-a-week' is not one of: call-911-now, ed-now, see-now, see-today, within-24-hours, within-3-days, within-2-weeks, home-care",
                "fever.yaml:19: 'ask' is missing",
                "fever.yaml:22: the default (see-today) is more urgent than the last question 'blue' (home-care)",
                "fever.yaml:23: example is true or false, not 'maybe'",
            ],
            errors);
    }

    [Theory]
    [InlineData("id: x\nquestions: [ { id: a\n", "broken.yaml:3: While parsing a flow mapping")]
    [InlineData("- just\n- a list\n", "broken.yaml:1: a protocol file is a mapping of keys (id, version, title, audience, questions, ...)")]
    [InlineData("id: x\nversion: 1\ntitle: X\naudience: adult\n", "broken.yaml:1: 'questions' is missing: a protocol has at least one question")]
    public void ABrokenFileSaysWhere(string text, string error) =>
        Assert.Contains(Assert.Throws<ProtocolFileException>(() => ProtocolFileReader.Parse(text, "broken.yaml")).Errors, e => e.StartsWith(error, StringComparison.Ordinal));
}
