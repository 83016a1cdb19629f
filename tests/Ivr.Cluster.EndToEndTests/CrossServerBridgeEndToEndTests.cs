using System.Collections.Concurrent;
using Ivr.Asterisk.Ami;
using Ivr.Cluster.EndToEndTests.Support;
using Ivr.Server;

namespace Ivr.Cluster.EndToEndTests;

/// <summary>
/// Needs the cluster (scripts/cluster) and SIPp, as <see cref="FailoverEndToEndTests"/> does. A patient of Asterisk 1
/// whose own service is down is served by service 2 (the second FastAGI server); service 2 rings the physician on
/// Asterisk 1, the server that carries the patient, so both meet in one ConfBridge room there.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossServerBridgeEndToEndTests
{
    private const string PracticeNumber = "15550300";

    [Fact]
    public async Task APatientOfAsteriskOneServedByServiceTwoMeetsThePhysicianInOneRoomOnAsteriskOne()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ivr-cluster-bridge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            // The doctor's cue is followed on Asterisk 1 only: a leg placed on Asterisk 2 would never press 1.
            await using var doctor = await SippScript.Phone().WhenAsked("whisper-menu").Press('1').AnswerAsync(ami: LoopbackCluster.AmiOptions(1));
            await ImportPracticeAsync(doctor.Port);
            LoopbackCluster.KillService(1);
            await Eventually.UntilAsync(async () => !await LoopbackCluster.AcceptsAsync(LoopbackCluster.FastAgiPort(1)), TimeSpan.FromSeconds(10), "the killed service's FastAGI port to close");
            await using var ami = await AmiClient.ConnectAsync(LoopbackCluster.AmiOptions(1));
            var joins = new ConcurrentQueue<string>();
            await using var watch = ami.Subscribe(
                (e, _) =>
                {
                    joins.Enqueue(e["Conference"] ?? string.Empty);
                    return ValueTask.CompletedTask;
                },
                e => e.IsEvent("ConfbridgeJoin"));

            var patient = SippScript.Patient()
                .WhenAsked("main-menu").Press('2')
                .WhenAsked("someone-now-menu").Press('1')
                .Wait(TimeSpan.FromSeconds(60)).HangUp();
            await using var sipp = await patient.CallAtAsync(directory, ClusterFixture.CallerNumber, PracticeNumber, LoopbackCluster.AsteriskAddress(1), LoopbackCluster.AmiOptions(1));

            var room = await Eventually.ValueAsync(
                () => Task.FromResult(joins.GroupBy(r => r).FirstOrDefault(g => g.Count() >= 2)?.Key),
                TimeSpan.FromSeconds(90),
                () => Task.FromResult($"the patient and the physician to join one room on Asterisk 1 (joins: {string.Join(", ", joins)}; patient: {sipp.Output})"));
            Assert.StartsWith("ivr-" + LoopbackCluster.UniqueIdPrefix(1), room, StringComparison.Ordinal);
            var members = await ami.SendListActionAsync(new AmiAction("ConfbridgeList").Add("Conference", room));
            Assert.Equal(2, members.Events.Count);

            // The physician leaves: the patient's leg ends with them, and service 2 recorded a connected call.
            await ami.SendActionAsync(new AmiAction("Hangup").Add("Channel", members.Events.Single(e => e["MarkedUser"] == "Yes")["Channel"]!));
            var uniqueId = room["ivr-".Length..];
            var call = await Eventually.ValueAsync(
                async () => (await LoopbackCluster.Calls.ListAsync(50)).FirstOrDefault(c => c.UniqueId == uniqueId && c.EndedAt is not null),
                TimeSpan.FromSeconds(60),
                $"the service to finish the record of call {uniqueId}");
            Assert.Equal("connected", call.Outcome);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            LoopbackCluster.Start();
            await LoopbackCluster.WaitUntilBothServersTakeCallsAsync();
        }
    }

    /// <summary>A practice of its own number whose one clinician, always on call, is the SIPp phone on <paramref name="doctorPort"/>.</summary>
    private static async Task ImportPracticeAsync(int doctorPort)
    {
        var file = Path.Combine(Path.GetTempPath(), "ivr-cluster-bridge-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(file, $$"""
            id: lakeside-family
            name: Lakeside Family Practice
            timeZone: America/New_York
            numbers: ["{{PracticeNumber}}"]
            coverage: 24/7
            greeting: greeting-riverside-pediatrics
            ringSeconds: 15
            agreement: { signed: 2026-01-01, version: cluster-test, practiceSigner: { name: Test, title: Test }, serviceSigner: { name: Test, title: Test } }
            clinicians:
              - { id: dr-1, name: Doctor 1, contacts: [{ sip: "PJSIP/sipp/sip:doctor1@127.0.0.1:{{doctorPort}}", verified: true }] }
            rotations:
              - { name: layer-1, layer: 1, period: daily, handoff: "00:00", start: 2026-01-01, members: [dr-1] }
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
}
