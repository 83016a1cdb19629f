using Ivr.Domain.Calls;
using Ivr.Server;

namespace Ivr.Cluster.EndToEndTests.Support;

/// <summary>
/// Starts the cluster when it is not running (and stops it afterwards), with the test practice imported
/// into the database both services share.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string PracticeNumber = "15550100";
    public const string CallerNumber = "5551234567";

    private bool _started;

    public async Task InitializeAsync()
    {
        if (!LoopbackCluster.IsRunning())
        {
            LoopbackCluster.Start();
            _started = true;
        }

        await LoopbackCluster.WaitUntilBothServersTakeCallsAsync();
        var file = Path.Combine(Path.GetTempPath(), "ivr-cluster-practice-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(file, """
            id: riverside-pediatrics
            name: Riverside Pediatrics
            timeZone: America/New_York
            numbers: ["15550100"]
            coverage: 24/7
            greeting: greeting-riverside-pediatrics
            agreement: { signed: 2026-01-01, version: cluster-test, practiceSigner: { name: Test, title: Test }, serviceSigner: { name: Test, title: Test } }
            """);
        try
        {
            var output = new StringWriter();
            var data = LoopbackCluster.Data;
            var code = await IvrCommandLine.RunAsync(["practice", "import", file, $"--Data:ConnectionString={data.ConnectionString}", $"--Data:KeyFile={data.KeyFile}"], output);
            Assert.True(code == 0, output.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    public Task DisposeAsync()
    {
        if (_started)
        {
            LoopbackCluster.Stop();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Places <paramref name="calls"/> patients' calls at Kamailio (each stays on the line a few seconds, then
    /// hangs up), waits for every one to end well, and returns the service's records of them.
    /// </summary>
    public static async Task<IReadOnlyList<CallRecord>> CallAsync(int calls)
    {
        var since = (await LoopbackCluster.Calls.ListAsync(1)).FirstOrDefault()?.Id ?? 0;
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
                    var records = (await LoopbackCluster.Calls.ListAsync(calls + 20)).Where(c => c.Id > since).ToList();
                    return records.Count == calls && records.All(c => c.EndedAt is not null) ? records : null;
                },
                TimeSpan.FromSeconds(60),
                async () => $"the service to record {calls} ended calls; it has {string.Join(", ", (await LoopbackCluster.Calls.ListAsync(calls + 20)).Where(c => c.Id > since).Select(c => $"{c.UniqueId} ({c.Outcome ?? "in progress"})"))}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
