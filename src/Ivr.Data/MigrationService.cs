using Microsoft.Extensions.Hosting;

namespace Ivr.Data;

/// <summary>Brings the schema up to date before anything else starts (hosted services start in order).</summary>
public sealed class MigrationService(Database database, PhiProtector protector) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Loading the key here makes a missing or broken key stop the service at start, not mid-call.
        _ = protector.Protect("check", "startup");
        await database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
