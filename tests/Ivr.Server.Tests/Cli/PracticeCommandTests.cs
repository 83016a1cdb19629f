using Ivr.Domain.Audit;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs a temporary SQLite file: practices imported and exported, who is on call, overrides, the gap check, the simulator.</summary>
public sealed class PracticeCommandTests
{
    private static string PracticeFile(string name) => Path.Combine(RepositoryFiles.Root, "practices", name);

    private static async Task<TempService> WithPracticesAsync()
    {
        var service = await new TempService().MigratedAsync();
        var (exitCode, output) = await service.RunAsync("practice", "import", PracticeFile("riverside-pediatrics.yaml"), PracticeFile("harbor-internal-medicine.yaml"), "--by", "alice");
        Assert.True(exitCode == 0, output);
        return service;
    }

    [Fact]
    public async Task ImportThenExportGivesTheSamePracticeAndEachImportIsARevision()
    {
        await using var service = await WithPracticesAsync();

        var (exportExit, exported) = await service.RunAsync("practice", "export", "riverside-pediatrics");
        var file = Path.Combine(service.Directory, "riverside.yaml");
        await File.WriteAllTextAsync(file, exported);
        var (reimportExit, reimported) = await service.RunAsync("practice", "import", file);
        var (_, again) = await service.RunAsync("practice", "export", "riverside-pediatrics");

        Assert.Equal(0, exportExit);
        Assert.Equal(0, reimportExit);
        Assert.Contains("imported riverside-pediatrics (revision 2)", reimported);
        Assert.Equal(exported, again);
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(10), e => e.Action == "practice.import" && e.Actor == $"alice (os user {Environment.UserName})");
    }

    [Fact]
    public async Task AnImportSaysWhenAPracticesOfficeInformationIsNotRenderedYet()
    {
        await using var service = await new TempService().MigratedAsync();
        var sounds = Path.Combine(service.Directory, "sounds");
        var prompts = $"--Practices:PromptManifest={Path.Combine(RepositoryFiles.Root, "prompts", "manifest.txt")}";

        var (exitCode, output) = await service.RunAsync("practice", "import", PracticeFile("harbor-internal-medicine.yaml"), PracticeFile("riverside-pediatrics.yaml"), prompts, $"--Prompts:SoundsDirectory={sounds}");

        Assert.True(exitCode == 0, output);
        var harbor = output[output.IndexOf("imported harbor-internal-medicine", StringComparison.Ordinal)..output.IndexOf("imported riverside-pediatrics", StringComparison.Ordinal)];
        Assert.Contains("sentence(s) of the office information are not rendered into audio yet", harbor, StringComparison.Ordinal);
        Assert.DoesNotContain("office information", output[output.IndexOf("imported riverside-pediatrics", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadFileImportsNothingAndANumberCannotBelongToTwoPractices()
    {
        await using var service = await WithPracticesAsync();
        var bad = Path.Combine(service.Directory, "bad.yaml");
        await File.WriteAllTextAsync(bad, "id: clinic\nname: Clinic\ntimeZone: Mars/Olympus\n");
        var thief = Path.Combine(service.Directory, "thief.yaml");
        await File.WriteAllTextAsync(thief, "id: thief\nname: Thief\ntimeZone: UTC\nnumbers: [\"+1 (555) 0100\"]\n");

        var (badExit, badOutput) = await service.RunAsync("practice", "import", bad);
        var (thiefExit, thiefOutput) = await service.RunAsync("practice", "import", thief);
        var (_, list) = await service.RunAsync("practice", "list");

        Assert.Equal(1, badExit);
        Assert.Contains($"{bad}:3: 'Mars/Olympus' is not an IANA time zone", badOutput);
        Assert.Equal(1, thiefExit);
        Assert.Contains("number 15550100 is already published by practice 'riverside-pediatrics'", thiefOutput);
        Assert.DoesNotContain("clinic", list);
        Assert.DoesNotContain("thief", list);
    }

    [Fact]
    public async Task AnOverrideChangesWhoIsOnCallAndCancellingItRestoresTheRotation()
    {
        await using var service = await WithPracticesAsync();
        string[] at = ["--practice", "riverside-pediatrics", "--at", "2026-12-25T02:10"];

        var (_, before) = await service.RunAsync(["oncall", "who", .. at]);
        var (overrideExit, added) = await service.RunAsync("oncall", "override", "--practice", "riverside-pediatrics", "--clinician", "dr-lee",
            "--from", "2026-12-24T17:00", "--until", "2026-12-26T08:00", "--reason", "holiday swap", "--by", "alice");
        var (_, during) = await service.RunAsync(["oncall", "who", .. at]);
        var (_, cancelled) = await service.RunAsync("oncall", "cancel", "1", "--by", "bob");
        var (_, after) = await service.RunAsync(["oncall", "who", .. at]);

        Assert.Contains("coverage: holiday: Christmas Day", before);
        Assert.Contains("1. Dr. Raj Patel (dr-patel)", before);
        Assert.Equal(0, overrideExit);
        Assert.Contains("override #1: dr-lee is primary for riverside-pediatrics from 2026-12-24 17:00 (-05:00) until 2026-12-26 08:00 (-05:00)", added);
        Assert.Contains("1. Dr. Amy Lee (dr-lee)", during);
        Assert.Contains("primary: override #1 by alice (holiday swap)", during);
        Assert.Contains("cancelled override #1", cancelled);
        Assert.Contains("1. Dr. Raj Patel (dr-patel)", after);
    }

    [Fact]
    public async Task RotatingAWebhookSecretPrintsTheNewSecretWhichThenSignsBesideTheOldOne()
    {
        await using var service = await WithPracticesAsync();

        var (firstExit, first) = await service.RunAsync("practice", "webhook-secret", "rotate", "riverside-pediatrics", "--by", "alice");
        var (secondExit, second) = await service.RunAsync("practice", "webhook-secret", "rotate", "riverside-pediatrics", "--overlap-hours", "24");
        var (unknownExit, unknown) = await service.RunAsync("practice", "webhook-secret", "rotate", "nowhere");
        var firstSecret = first.Split('\n').First(l => l.StartsWith("whsec_", StringComparison.Ordinal)).Trim();
        var secondSecret = second.Split('\n').First(l => l.StartsWith("whsec_", StringComparison.Ordinal)).Trim();
        var signing = await service.Get<Ivr.Domain.Dispatch.IWebhookSecretStore>().SigningSecretsAsync("riverside-pediatrics", DateTimeOffset.UtcNow);

        Assert.Equal((0, 0), (firstExit, secondExit));
        Assert.Equal([secondSecret, firstSecret], signing);
        Assert.NotEqual(0, unknownExit);
        Assert.Contains("no practice 'nowhere'", unknown);
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(10), e => e.Action == "practice.webhook-secret.rotate" && e.Actor == $"alice (os user {Environment.UserName})");
    }

    [Fact]
    public async Task AnOverrideForSomeoneOutsideThePracticeIsRefused()
    {
        await using var service = await WithPracticesAsync();

        var (exitCode, output) = await service.RunAsync("oncall", "override", "--practice", "riverside-pediatrics", "--clinician", "dr-kahale",
            "--from", "2026-12-24T17:00", "--until", "2026-12-26T08:00", "--reason", "x");

        Assert.Equal(2, exitCode);
        Assert.Contains("'dr-kahale' is not a clinician of riverside-pediatrics", output);
    }

    [Fact]
    public async Task TheGapCheckExitsNonZeroOnlyWhenItFindsSomething()
    {
        await using var service = await WithPracticesAsync();
        var gappy = Path.Combine(service.Directory, "gappy.yaml");
        await File.WriteAllTextAsync(gappy, """
            id: gappy-clinic
            name: Gappy Clinic
            timeZone: America/Chicago
            numbers: ["5550400"]
            clinicians:
              - { id: dr-a, name: Dr. A, contacts: [{ phone: "5550001111", verified: false }] }
            rotations:
              - { name: nights, layer: primary, period: daily, handoff: "02:30", start: 2027-03-10, members: [dr-a] }
            """);
        await service.RunAsync("practice", "import", gappy);

        var (soundExit, sound) = await service.RunAsync("schedule", "check", "--practice", "riverside-pediatrics", "--days", "60", "--from", "2026-11-22T00:00");
        var (gappyExit, found) = await service.RunAsync("schedule", "check", "--practice", "gappy-clinic", "--days", "10", "--from", "2027-03-08T00:00");

        Assert.Equal(0, soundExit);
        Assert.Contains("riverside-pediatrics: no problems", sound);
        Assert.Equal(1, gappyExit);
        Assert.Contains("no-primary", found);
        Assert.Contains("unverified-contact", found);
        Assert.Contains("handoff-dst-gap", found);
        Assert.Contains("2027-03-14 02:30", found);
        Assert.Contains("no-report-recipient", found);
        Assert.DoesNotContain("no-report-recipient", sound);
    }

    [Fact]
    public async Task TheSimulatorShowsCoverageThePathAndTheChainAndStoresNothing()
    {
        await using var service = await WithPracticesAsync();

        var (exitCode, output) = await service.RunAsync("simulate", "--practice", "riverside-pediatrics", "--at", "2026-12-25T02:10", "--keys", "2,1", "--answer", "rn-garcia");
        var (_, calls) = await service.RunAsync("calls", "list", "--json");

        Assert.Equal(0, exitCode);
        Assert.Contains("Coverage: after-hours: holiday: Christmas Day", output);
        Assert.Contains("1. dr-patel at +15 s: no-answer, would ring PJSIP/sipp/sip:drpatel@127.0.0.1:5071 for 20 s", output);
        Assert.Contains("2. rn-garcia at +35 s: accepted", output);
        Assert.Contains("Outcome: connected: connected to clinician rn-garcia", output);
        Assert.Equal("[]", calls.Trim());
    }

    [Fact]
    public async Task InOverflowHoursTheSimulatorRingsTheOfficeFirst()
    {
        await using var service = await WithPracticesAsync();

        var (_, answered) = await service.RunAsync("simulate", "--practice", "harbor-internal-medicine", "--at", "2026-11-23T09:00", "--office-answers");
        var (_, unanswered) = await service.RunAsync("simulate", "--practice", "harbor-internal-medicine", "--at", "2026-11-23T09:00", "--keys", "1");

        Assert.Contains("business hours Mon 07:30-16:30: overflow", answered);
        Assert.Contains("Outcome: office-answered", answered);
        Assert.Contains("caller: the office does not answer", unanswered);
        Assert.Contains("hears greeting-harbor-internal-medicine, emergency", unanswered);
    }

    [Fact]
    public async Task AGreetingAsteriskDoesNotHaveIsRefusedBecauseEveryCallWouldFailOnIt()
    {
        await using var service = await new TempService().MigratedAsync();
        var file = Path.Combine(service.Directory, "clinic.yaml");
        await File.WriteAllTextAsync(file, "id: clinic\nname: Clinic\ntimeZone: UTC\ngreeting: greeting-clinic\n");
        var manifest = $"--Practices:PromptManifest={Path.Combine(RepositoryFiles.Root, "prompts", "manifest.txt")}";

        var (exitCode, output) = await service.RunAsync("practice", "import", file, manifest);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{file}:4: prompt 'greeting-clinic' is not in the prompt manifest", output);
    }
}
