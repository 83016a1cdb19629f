using Ivr.Cluster.EndToEndTests.Support;

namespace Ivr.Cluster.EndToEndTests;

/// <summary>
/// Needs the cluster (scripts/cluster: Kamailio, two Asterisk servers, two services) and SIPp; starts it when it
/// is not running. Patients call Kamailio and reach the IVR through either Asterisk; a dead Asterisk or a dead
/// service costs no new call. Each test brings back what it killed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverEndToEndTests
{
    [Fact]
    public async Task PatientsCallingKamailioReachTheIvrThroughBothAsteriskServers()
    {
        // Kamailio hashes each call's Call-ID over the two servers: with twelve calls, both get some.
        var calls = await ClusterFixture.CallAsync(12);

        Assert.All(calls, c => Assert.NotNull(c.AnsweredAt));
        Assert.All(calls, c => Assert.Equal("riverside-pediatrics", c.PracticeId));
        Assert.Contains(calls, c => c.UniqueId.StartsWith(LoopbackCluster.UniqueIdPrefix(1), StringComparison.Ordinal));
        Assert.Contains(calls, c => c.UniqueId.StartsWith(LoopbackCluster.UniqueIdPrefix(2), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAsteriskKilledIsTakenOutOfTheSetByTheProbesAndNewCallsGoToTheOther()
    {
        try
        {
            LoopbackCluster.KillAsterisk(1);

            // Calls placed at once, before the probes notice: one sent to the dead server times out (408)
            // and Kamailio's failure route hands it to the other.
            var early = await ClusterFixture.CallAsync(4);
            Assert.All(early, c => Assert.StartsWith(LoopbackCluster.UniqueIdPrefix(2), c.UniqueId, StringComparison.Ordinal));

            // The probes (OPTIONS every 2 s, 2 s to answer) mark it inactive: no new call is sent to it at all.
            await Eventually.UntilAsync(
                () => Task.FromResult(LoopbackCluster.Destinations().TryGetValue(LoopbackCluster.AsteriskUri(1), out var flags) && KamcmdDispatcherList.IsOutOfTheSet(flags)),
                TimeSpan.FromSeconds(10),
                () => Task.FromResult($"Kamailio to mark the dead Asterisk inactive (the set: {string.Join(", ", LoopbackCluster.Destinations().Select(d => $"{d.Key} {d.Value}"))})"));
            var later = await ClusterFixture.CallAsync(6);

            Assert.All(later, c => Assert.NotNull(c.AnsweredAt));
            Assert.All(later, c => Assert.StartsWith(LoopbackCluster.UniqueIdPrefix(2), c.UniqueId, StringComparison.Ordinal));
        }
        finally
        {
            // Back, and answering the probes again.
            LoopbackCluster.Start();
            await LoopbackCluster.WaitUntilBothServersTakeCallsAsync();
        }
    }

    [Fact]
    public async Task AServiceKilledLeavesItsCallsToTheOtherThroughTheSecondFastAgiServer()
    {
        try
        {
            LoopbackCluster.KillService(1);
            await Eventually.UntilAsync(async () => !await LoopbackCluster.AcceptsAsync(LoopbackCluster.FastAgiPort(1)), TimeSpan.FromSeconds(10), "the killed service's FastAGI port to close");

            // Asterisk 1 asks service 1 first: its calls prove the second server. Kamailio spreads calls by
            // hash, so batches go until one of them has come through Asterisk 1.
            var calls = new List<Ivr.Domain.Calls.CallRecord>();
            for (var batch = 0; batch < 5 && !calls.Any(c => c.UniqueId.StartsWith(LoopbackCluster.UniqueIdPrefix(1), StringComparison.Ordinal)); batch++)
            {
                calls.AddRange(await ClusterFixture.CallAsync(4));
            }

            Assert.Contains(calls, c => c.UniqueId.StartsWith(LoopbackCluster.UniqueIdPrefix(1), StringComparison.Ordinal));
            // Every call reached the IVR (the service answered it and kept its record), none the safety net.
            Assert.All(calls, c => Assert.NotNull(c.AnsweredAt));
            Assert.All(calls, c => Assert.NotEqual("safety-net", c.Outcome));
        }
        finally
        {
            LoopbackCluster.Start();
            await LoopbackCluster.WaitUntilBothServersTakeCallsAsync();
        }
    }
}
