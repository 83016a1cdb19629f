using Ivr.Domain.Practices;
using Ivr.Server.Practices;
using Ivr.Telephony.Practices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Tests.Practices;

/// <summary>Needs a temporary SQLite file: the example practices are imported on a first start only.</summary>
public sealed class PracticeSeedServiceTests
{
    [Fact]
    public async Task AnEmptyDatabaseGetsTheExamplePracticesAndAStoredOneIsNeverOverwritten()
    {
        await using var service = await new TempService().MigratedAsync();
        var store = service.Get<IPracticeStore>();
        var options = Options.Create(new PracticesOptions { SeedDirectory = Path.Combine(RepositoryFiles.Root, "practices") });

        await new PracticeSeedService(store, options, Options.Create(new PromptsOptions()), TimeProvider.System, NullLogger<PracticeSeedService>.Instance).StartAsync(CancellationToken.None);
        var seeded = await store.ListAsync();
        await store.SaveAsync(seeded[0] with { Name = "Renamed by staff" }, "staff");
        await new PracticeSeedService(store, options, Options.Create(new PromptsOptions()), TimeProvider.System, NullLogger<PracticeSeedService>.Instance).StartAsync(CancellationToken.None);

        Assert.Equal(["harbor-internal-medicine", "riverside-pediatrics"], seeded.Select(p => p.Id));
        Assert.Equal("Renamed by staff", (await store.GetAsync(seeded[0].Id))!.Name);
        Assert.All(seeded, p => Assert.Equal("seed", p.Agreement?.RecordedBy));
    }
}
