using Ivr.Domain.Audit;
using Ivr.Domain.Triage;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs a temporary SQLite file: protocol files imported and listed, and bad ones refused with exit 2 and nothing kept.</summary>
public sealed class ProtocolCommandTests
{
    private static string[] Examples => Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "protocols", "examples"), "*.yaml");

    [Fact]
    public async Task TheExamplesImportOnceAndListWithTheirVersionAndMarker()
    {
        await using var service = await new TempService().MigratedAsync();

        var (exitCode, output) = await service.RunAsync(["protocol", "import", .. Examples, "--by", "alice"]);
        var (againExit, again) = await service.RunAsync(["protocol", "import", .. Examples]);
        var (listExit, list) = await service.RunAsync("protocol", "list");

        Assert.True(exitCode == 0, output);
        Assert.Contains("imported fever-child version 1: 7 question(s), pediatric (example, not for clinical use)", output);
        Assert.Equal(0, againExit);
        Assert.Contains("unchanged sore-throat-adult version 1", again);
        Assert.Equal(0, listExit);
        Assert.Contains("Fever in a child (example, not for clinical use)", list);
        Assert.Equal(4, list.Split('\n').Count(l => l.Contains(" 1 *", StringComparison.Ordinal)));
        Assert.Equal(4, (await service.Get<IAuditLog>().ListAsync(20)).Count(e => e.Action == "protocol.import"));
    }

    [Fact]
    public async Task ABadFileExitsTwoWithItsLinesAndImportsNothingFromAnyFile()
    {
        await using var service = await new TempService().MigratedAsync();
        var bad = Path.Combine(service.Directory, "bad.yaml");
        await File.WriteAllTextAsync(bad, "id: cough\nversion: 1\ntitle: Cough\naudience: adult\nquestions:\n  - id: blue\n    ask: Blue?\n    disposition: asap\n");

        var (exitCode, output) = await service.RunAsync("protocol", "import", Examples[0], bad);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{bad}:8: disposition 'asap' is not one of: call-911-now, ed-now", output);
        Assert.Contains("nothing imported: 1 error(s).", output);
        Assert.Empty(await service.Get<IProtocolStore>().ListAsync());
    }

    [Fact]
    public async Task ANewVersionIsAddedAndTheSameVersionChangedIsRefusedWithExitTwo()
    {
        await using var service = await new TempService().MigratedAsync();
        var fever = Examples.Single(f => f.EndsWith("fever-child.yaml", StringComparison.Ordinal));
        var text = await File.ReadAllTextAsync(fever);
        var changed = Path.Combine(service.Directory, "changed.yaml");
        await File.WriteAllTextAsync(changed, text.Replace("Book a visit within 24 hours.", "Book a visit tomorrow.", StringComparison.Ordinal));
        var second = Path.Combine(service.Directory, "second.yaml");
        await File.WriteAllTextAsync(second, text.Replace("version: \"1\"", "version: \"2\"", StringComparison.Ordinal).Replace("Book a visit within 24 hours.", "Book a visit tomorrow.", StringComparison.Ordinal));
        await service.RunAsync("protocol", "import", fever);

        var (changedExit, changedOutput) = await service.RunAsync("protocol", "import", changed);
        var (secondExit, secondOutput) = await service.RunAsync("protocol", "import", second);
        var (_, list) = await service.RunAsync("protocol", "list");

        Assert.Equal(2, changedExit);
        Assert.Contains("protocol 'fever-child' version '1' is already imported with other content; give the changed protocol a new version", changedOutput);
        Assert.Equal(0, secondExit);
        Assert.Contains("imported fever-child version 2", secondOutput);
        Assert.Contains("fever-child                  1 ", list);
        Assert.Contains("fever-child                  2 *", list);
        Assert.Equal("2", (await service.Get<IProtocolStore>().GetAsync("fever-child"))!.Version);
    }
}
