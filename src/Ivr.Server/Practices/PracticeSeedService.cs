using Ivr.Telephony.Practices;
using Ivr.Data.Practices;
using Ivr.Domain.Practices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Practices;

/// <summary>
/// On a database with no practice yet, imports the practice files of <see cref="PracticesOptions.SeedDirectory"/>,
/// so a first `scripts/run` answers the example numbers. Never touches a database that has practices.
/// </summary>
public sealed class PracticeSeedService(IPracticeStore store, IOptions<PracticesOptions> options, IOptions<PromptsOptions> prompts, TimeProvider time, ILogger<PracticeSeedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.SeedDirectory;
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory) || (await store.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var known = PromptManifest.Load(options.Value.PromptManifest, prompts.Value.SoundsDirectory);
        foreach (var file in Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order())
        {
            var practice = PracticeFileReader.Read(file, known);
            practice = practice with { Agreement = practice.Agreement?.StampedBy("seed", time.GetUtcNow()) };
            await store.SaveAsync(practice, "seed", cancellationToken);
            logger.LogInformation("Imported practice {PracticeId} from {File}", practice.Id, file);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
