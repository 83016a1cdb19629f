using Ivr.Data.Practices;
using Ivr.Data.Tests.Support;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;

namespace Ivr.Data.Tests.Practices;

/// <summary>Needs nothing: a practice file's <c>outbound:</c> section read, written back, defaulted when absent, kept in the stored document, and its mistakes reported with their lines.</summary>
public sealed class OutboundSettingsFileTests
{
    private const string Head = """
        id: riverside
        name: Riverside
        timeZone: America/New_York

        """;

    private static Practice Riverside() => PracticeFileReader.Read(Path.Combine(RepositoryFiles.Root, "practices", "riverside-pediatrics.yaml"));

    [Fact]
    public void TheSectionSetsTheWindowCapsChannelsAndRetries()
    {
        var practice = PracticeFileReader.Parse(Head + """
            outbound:
              window: 09:00-20:00
              callsPerDay: 2
              callsPerWeek: 5
              maxChannels: 6
              retry:
                maxAttempts: 4
                waits: 30m, 2h, 1d
            """, "riverside.yaml");

        var outbound = practice.Outbound;
        Assert.Equal(new CallingRules { WindowStart = new TimeOnly(9, 0), WindowEnd = new TimeOnly(20, 0), MaxPerDay = 2, MaxPerWeek = 5 }, outbound.Rules);
        Assert.Equal(6, outbound.MaxChannels);
        Assert.Equal(4, outbound.Retry.MaxAttempts);
        Assert.Equal([TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromDays(1)], outbound.Retry.Waits);
        Assert.False(outbound.IsDefault);
    }

    [Fact]
    public void LeftOutKeysKeepTheirDefaultsAndWaitsMayBeAList()
    {
        var practice = PracticeFileReader.Parse(Head + """
            outbound:
              window: "10:00-18:00"
              retry: { waits: [1h, 3d] }
            """, "riverside.yaml");

        Assert.Equal(CallingRules.Default with { WindowStart = new TimeOnly(10, 0), WindowEnd = new TimeOnly(18, 0) }, practice.Outbound.Rules);
        Assert.Equal(4, practice.Outbound.MaxChannels);
        Assert.Equal(RetryRules.Default.MaxAttempts, practice.Outbound.Retry.MaxAttempts);
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromDays(3)], practice.Outbound.Retry.Waits);
    }

    [Fact]
    public void AFileWithoutOutboundGetsTheDefaultsAndExportsWithoutIt()
    {
        var practice = Riverside();

        Assert.True(practice.Outbound.IsDefault);
        Assert.Equal(CallingRules.Default, practice.Outbound.Rules);
        Assert.Equal(4, practice.Outbound.MaxChannels);
        Assert.DoesNotContain("outbound:", PracticeFileWriter.Write(practice), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSectionRoundTripsThroughExport()
    {
        var practice = Riverside() with
        {
            Outbound = new OutboundSettings
            {
                Rules = new CallingRules { WindowStart = new TimeOnly(8, 30), WindowEnd = new TimeOnly(19, 45), MaxPerDay = 1, MaxPerWeek = 2 },
                MaxChannels = 3,
                Retry = new RetryRules { MaxAttempts = 5, Waits = [TimeSpan.FromMinutes(45), TimeSpan.FromHours(6), TimeSpan.FromDays(2)] },
            },
        };

        var written = PracticeFileWriter.Write(practice);
        var again = PracticeFileReader.Parse(written, "exported.yaml");

        Assert.Contains("outbound:\n  window: \"08:30-19:45\"\n  callsPerDay: 1\n  callsPerWeek: 2\n  maxChannels: 3\n  retry: { maxAttempts: 5, waits: \"45m, 6h, 2d\" }\n", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(practice.Outbound.Rules, again.Outbound.Rules);
        Assert.Equal(3, again.Outbound.MaxChannels);
        Assert.Equal(practice.Outbound.Retry.Waits, again.Outbound.Retry.Waits);
        Assert.Equal(written, PracticeFileWriter.Write(again));
    }

    [Fact]
    public void TheHarborFileCallsNineToEightTwoAtOnce()
    {
        var practice = PracticeFileReader.Read(Path.Combine(RepositoryFiles.Root, "practices", "harbor-internal-medicine.yaml"));

        Assert.Equal(new CallingRules { WindowStart = new TimeOnly(9, 0), WindowEnd = new TimeOnly(20, 0), MaxPerDay = 1, MaxPerWeek = 3 }, practice.Outbound.Rules);
        Assert.Equal(2, practice.Outbound.MaxChannels);
        Assert.Equal(4, practice.Outbound.Retry.MaxAttempts);
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromDays(1)], practice.Outbound.Retry.Waits);
    }

    [Fact]
    public void EveryMistakeIsReportedWithItsLine()
    {
        var text = Head + """
            outbound:
              window: 9am-8pm
              callsPerDay: 11
              callsPerWeek: many
              maxChannels: 11
              retry:
                maxAttempts: 0
                waits: 30m, soon, 2w
              pace: fast
            """;

        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(text, "riverside.yaml")).Errors;

        Assert.Contains("riverside.yaml:5: window is a calling window like 09:00-20:00 on the patient's clock, not '9am-8pm'", errors);
        Assert.Contains(errors, e => e.StartsWith("riverside.yaml:6: callsPerDay", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("riverside.yaml:7: callsPerWeek", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("riverside.yaml:8: maxChannels", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("riverside.yaml:10: maxAttempts", StringComparison.Ordinal));
        Assert.Contains("riverside.yaml:11: 'soon' is not a wait like 30m, 2h or 1d", errors);
        Assert.Contains("riverside.yaml:11: '2w' is not a wait like 30m, 2h or 1d", errors);
        Assert.Contains(errors, e => e.StartsWith("riverside.yaml:12: unknown key 'pace'", StringComparison.Ordinal));
        Assert.Equal(8, errors.Count);
    }

    [Theory]
    [InlineData("window: 07:00-20:00", "riverside.yaml:5: the calling window 07:00-20:00 reaches outside 08:00-21:00 on the patient's clock")]
    [InlineData("window: 09:00-21:30", "riverside.yaml:5: the calling window 09:00-21:30 reaches outside 08:00-21:00 on the patient's clock")]
    [InlineData("window: 18:00-09:00", "riverside.yaml:5: the calling window 18:00-09:00 ends before it starts")]
    [InlineData("callsPerWeek: 1\n  callsPerDay: 2", "riverside.yaml:5: calls a week is a whole number from the calls a day (2) to 30, not 1")]
    [InlineData("retry: { waits: 1m }", "riverside.yaml:5: a retry wait of 1m is outside 5m to 7d")]
    [InlineData("retry: { waits: \"\" }", "riverside.yaml:5: retry waits name at least one wait, like 30m, 2h, 1d")]
    [InlineData("maxChannels: 0", "riverside.yaml:5: maxChannels")]
    public void ALooserWindowOrWrongCapIsRefusedWithItsLine(string line, string error)
    {
        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(Head + "outbound:\n  " + line + "\n", "riverside.yaml")).Errors;

        Assert.StartsWith(error, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ANonMappingIsRefusedWithItsShape()
    {
        var errors = Assert.Throws<PracticeFileException>(() => PracticeFileReader.Parse(Head + "outbound: 09:00-20:00\n", "riverside.yaml")).Errors;

        Assert.StartsWith("riverside.yaml:4: outbound is a mapping", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void TheStoredDocumentKeepsTheSettingsAndAnOlderDocumentGetsTheDefaults()
    {
        var practice = Riverside() with
        {
            Outbound = new OutboundSettings
            {
                Rules = CallingRules.Default with { WindowStart = new TimeOnly(9, 0), MaxPerWeek = 4 },
                MaxChannels = 7,
                Retry = new RetryRules { MaxAttempts = 2, Waits = [TimeSpan.FromHours(3)] },
            },
        };
        var older = System.Text.Json.Nodes.JsonNode.Parse(Ivr.Data.PracticeDocument.Write(Riverside()))!.AsObject();
        older.Remove("Outbound");

        var stored = Ivr.Data.PracticeDocument.Read(Ivr.Data.PracticeDocument.Write(practice)).Outbound;

        Assert.Equal(practice.Outbound.Rules, stored.Rules);
        Assert.Equal(7, stored.MaxChannels);
        Assert.Equal(2, stored.Retry.MaxAttempts);
        Assert.Equal([TimeSpan.FromHours(3)], stored.Retry.Waits);
        Assert.True(Ivr.Data.PracticeDocument.Read(older.ToJsonString()).Outbound.IsDefault);
    }
}
