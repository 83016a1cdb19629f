using Ivr.Domain.Calls;
using Ivr.Server;

namespace Ivr.Cluster.EndToEndTests.Support;

/// <summary>
/// Starts the cluster on a PostgreSQL database of the run's own (the shared store of a deployment past one machine),
/// with the test practice imported into it, and stops it afterwards. A cluster already running is stopped first: its
/// services hold another database. The practice's webhook posts to <see cref="Webhooks"/>, so a test sees every page
/// the services send.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string PracticeNumber = "15550100";
    public const string CallerNumber = "5551234567";

    private ClusterDatabase? _store;

    /// <summary>Where the practice's webhook posts: one POST for each page of an urgent message.</summary>
    public WebhookReceiver Webhooks { get; } = WebhookReceiver.Start();

    public async Task InitializeAsync()
    {
        _store = await ClusterDatabase.CreateAsync();
        if (LoopbackCluster.IsRunning())
        {
            LoopbackCluster.Stop();
        }

        LoopbackCluster.UseDatabase(_store);
        LoopbackCluster.Start();
        await LoopbackCluster.WaitUntilBothServersTakeCallsAsync();
        var file = Path.Combine(Path.GetTempPath(), "ivr-cluster-practice-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(file, $$"""
            id: riverside-pediatrics
            name: Riverside Pediatrics
            timeZone: America/New_York
            numbers: ["15550100"]
            coverage: 24/7
            greeting: greeting-riverside-pediatrics
            webhook: "{{Webhooks.Url}}"
            agreement: { signed: 2026-01-01, version: cluster-test, practiceSigner: { name: Test, title: Test }, serviceSigner: { name: Test, title: Test } }
            """);
        try
        {
            var output = new StringWriter();
            var code = await IvrCommandLine.RunAsync(["practice", "import", file, .. LoopbackCluster.DataSettings], output);
            Assert.True(code == 0, output.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    public async Task DisposeAsync()
    {
        LoopbackCluster.Stop();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await Webhooks.DisposeAsync();
    }

    /// <summary>
    /// Places <paramref name="calls"/> patients' calls at Kamailio (each stays on the line a few seconds, then
    /// hangs up), waits for every one to end well, and returns the service's records of them.
    /// </summary>
    public static async Task<IReadOnlyList<CallRecord>> CallAsync(int calls)
    {
        var since = (await LoopbackCluster.Calls.ListAsync(1)).FirstOrDefault()?.Id ?? 0;
        // Records the services open meanwhile for older calls (the safety net's messages, imported) are not these.
        var placed = DateTimeOffset.UtcNow.AddSeconds(-1);
        var directory = Path.Combine(Path.GetTempPath(), "ivr-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var patient = SippScript.Patient().Wait(TimeSpan.FromSeconds(5)).HangUp();
            await using var sipp = await patient.CallAtAsync(directory, CallerNumber, PracticeNumber, LoopbackCluster.ProxyAddress, calls);
            var code = await sipp.WaitAsync(TimeSpan.FromSeconds(90));
            Assert.True(code == 0, $"SIPp's calls through Kamailio did not all succeed ({code}):\n{sipp.Output}");
            return await Eventually.ValueAsync(
                async () =>
                {
                    var records = (await LoopbackCluster.Calls.ListAsync(calls + 20)).Where(c => c.Id > since && c.StartedAt >= placed).ToList();
                    return records.Count == calls && records.All(c => c.EndedAt is not null) ? records : null;
                },
                TimeSpan.FromSeconds(60),
                async () => $"the service to record {calls} ended calls; it has {string.Join(", ", (await LoopbackCluster.Calls.ListAsync(calls + 20)).Where(c => c.Id > since && c.StartedAt >= placed).Select(c => $"{c.UniqueId} ({c.Outcome ?? "in progress"})"))}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
