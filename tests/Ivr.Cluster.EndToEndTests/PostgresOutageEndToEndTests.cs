using System.Text.Json;
using Ivr.Cluster.EndToEndTests.Support;

namespace Ivr.Cluster.EndToEndTests;

/// <summary>
/// Needs the cluster on its PostgreSQL database (ClusterFixture) and SIPp. The database stops for 30 s: the patients
/// who call meanwhile are answered all the same (the service cannot open their records, ends the session, and the
/// dialplan's safety net takes their messages), and when the database is back, with nothing restarted, new calls go
/// through the service again, the net's messages are imported and each is paged exactly once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresOutageEndToEndTests(ClusterFixture cluster)
{
    /// <summary>The outage: the scenario of issue 18, kept whole.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PatientsCallingWhileTheDatabaseIsDownLeaveTheirMessagesWithTheSafetyNetAndEachIsPagedOnceWhenItIsBack()
    {
        const int patients = 3;
        var fallback = Path.Combine(LoopbackCluster.Spool, "recording", "fallback");
        var before = Notes(fallback);
        var directory = Path.Combine(Path.GetTempPath(), "ivr-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var stoppedAt = DateTimeOffset.UtcNow;
        ClusterDatabase.StopServer();
        IReadOnlyList<string> taken;
        try
        {
            // The net plays its apology and the emergency instruction, then records: the patients speak after those.
            var patient = SippScript.Patient()
                .Wait(PromptDurations.Of("fallback-apology", "emergency") + TimeSpan.FromSeconds(2))
                .Speak().Wait(TimeSpan.FromSeconds(1)).HangUp();
            await using (var sipp = await patient.CallAtAsync(directory, ClusterFixture.CallerNumber, ClusterFixture.PracticeNumber, LoopbackCluster.ProxyAddress, patients))
            {
                var code = await sipp.WaitAsync(TimeSpan.FromSeconds(90));
                Assert.True(code == 0, $"SIPp's calls while the database was down were not all answered ({code}):\n{sipp.Output}");
            }

            taken = await Eventually.ValueAsync(
                () => Notes(fallback).Except(before).ToList() is { Count: patients } notes ? notes : null,
                TimeSpan.FromSeconds(30),
                $"the safety net to write {patients} notes");
            Assert.True(DateTimeOffset.UtcNow - stoppedAt < Outage, "the calls took longer than the outage; the database was down for all of them only if they end within it");

            // The rest of the outage is the scenario itself.
            await Task.Delay(Outage - (DateTimeOffset.UtcNow - stoppedAt));
        }
        finally
        {
            ClusterDatabase.StartServer();
            Directory.Delete(directory, recursive: true);
        }

        // Nothing restarted: the services' next calls go through them again.
        var calls = await ClusterFixture.CallAsync(4);
        Assert.All(calls, c => Assert.NotNull(c.AnsweredAt));
        Assert.All(calls, c => Assert.NotEqual("safety-net", c.Outcome));

        // The net's messages are imported (the notes leave the spool once their call and message are in) ...
        await Eventually.UntilAsync(() => Task.FromResult(!Notes(fallback).Intersect(taken).Any()), TimeSpan.FromSeconds(60), "the import of the safety net's messages");
        var messages = new List<long>();
        foreach (var uniqueId in taken)
        {
            var call = await LoopbackCluster.Calls.FindByUniqueIdAsync(uniqueId);
            Assert.True(call is not null, $"no call record for the safety net's call {uniqueId}");
            Assert.Equal("safety-net", call!.Outcome);
            var message = Assert.Single(await LoopbackCluster.Messages.ForCallAsync(call.Id));
            Assert.Equal(ClusterFixture.CallerNumber, message.CallbackNumber);
            messages.Add(message.Id);
        }

        // ... and each is paged: a webhook for its first step, and never one step twice.
        var pages = new List<(long Message, int Step)>();
        while (!messages.All(m => pages.Any(p => p.Message == m)))
        {
            var page = await cluster.Webhooks.NextAsync(TimeSpan.FromSeconds(60));
            using var json = JsonDocument.Parse(page.Body);
            if (json.RootElement.GetProperty("event").GetString() == "message.urgent")
            {
                var step = json.RootElement.GetProperty("step").GetInt32();
                pages.AddRange(json.RootElement.GetProperty("messageIds").EnumerateArray().Select(id => (id.GetInt64(), step)));
            }
        }

        var twice = pages.Where(p => messages.Contains(p.Message)).GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"paged twice: {string.Join(", ", twice)}");
    }

    private static HashSet<string> Notes(string folder) =>
        Directory.EnumerateFiles(folder, "*.txt").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet();
}
