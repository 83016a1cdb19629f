using System.Security.Cryptography;
using System.Text;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Messages;
using Ivr.Server.EndToEndTests.Support;

namespace Ivr.Server.EndToEndTests.Calls;

/// <summary>
/// Needs a real Asterisk and SIPp: a patient with a caller number and callback digits never used before
/// leaves an urgent message that pages a doctor, then calls again while the service is down and is taken
/// by Asterisk's safety net, which the restarted service imports. Afterwards no file Asterisk keeps (its
/// logs, call detail records, spool, database) nor the service's log holds the number or the digits.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class CanaryEndToEndTests
{
    /// <summary>The fallback the dialplan dials (IVR_FALLBACK_DIAL in dialplan/extensions.conf).</summary>
    private const int FallbackPort = 5090;

    [Fact]
    public async Task NoFileAsteriskOrTheServiceWritesHoldsTheCallersNumberOrTheCallbackDigits()
    {
        // Numbers no earlier run used: a hit can only come from this test's calls.
        var caller = "555" + Digits(7);
        var callback = "559" + Digits(7);
        var started = DateTime.UtcNow.AddSeconds(-5);
        var logs = Directory.CreateTempSubdirectory("ivr-canary-").FullName;
        // The SIPp scenarios name the caller; they live apart from the logs searched below.
        var scenarios = Directory.CreateTempSubdirectory("ivr-canary-calls-").FullName;
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        string[] logging = ["--Serilog:MinimumLevel:Default=Debug", "--Serilog:MinimumLevel:Override:Ivr=Debug"];

        // 1. The service answers; the patient leaves an urgent message with a callback number; the doctor hears the page and acknowledges.
        await using (var doctor = await SippScript.Phone().WhenAsked("page-intro").Press('1').WhenAsked("page-menu").Press('1').AnswerAsync())
        await using (var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync())
        await using (var service = await ServiceUnderTest.StartAsync(
            supervisor.Port,
            ["--Dispatch:Enabled=true", $"--Logging:File={Path.Combine(logs, "service.log")}", .. logging],
            TestPractice.Riverside(doctor.Port) with { EscalationSeconds = 60 }))
        {
            var patient = SippScript.Patient()
                .WhenAsked("main-menu").Press('1')
                .WhenRecording().Speak().Press('#')
                .WhenAsked("callback-offer").Press('2')
                .WhenAsked("callback-enter").PressAll(callback + "#")
                .WhenAsked("callback-confirm").Press('1')
                .WhenAsked("urgency-menu").Press('1')
                .WhenRecording().Speak().Press('#')
                .WhenAsked("review-menu").Press('1');
            await using (var sipp = await patient.CallAsync(service.Directory, caller, PatientCall.PracticeNumber))
            {
                await service.WaitForCallerAsync(sipp, TimeSpan.FromSeconds(120));
            }

            var (_, messages, _) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
            var message = Assert.Single(messages);
            Assert.Equal(callback, message.CallbackNumber);
            await Eventually.UntilAsync(async () => (await service.Messages.GetAsync(message.Id))!.Status == MessageStatus.Acknowledged, TimeSpan.FromSeconds(120), "the doctor's acknowledgement");
            await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(30));
        }

        // 2. The service is down: Asterisk's safety net takes the message and leaves a note whose number is sealed.
        string uniqueId;
        await using (var fallback = await SippScript.Phone().Wait(TimeSpan.FromSeconds(2)).AnswerAsync(FallbackPort))
        {
            var patient = SippScript.Patient().When(CallerCue.DialplanRecording).Speak().Press('#').Wait(TimeSpan.FromSeconds(6)).HangUp();
            await using (var sipp = await patient.CallAsync(scenarios, caller, PatientCall.PracticeNumber))
            {
                await sipp.WaitAsync(TimeSpan.FromSeconds(90));
            }

            var folder = Path.Combine(RealAsterisk.RecordingDirectory, "..", "fallback");
            var recording = await Eventually.ValueAsync(
                () => new DirectoryInfo(folder).GetFiles("*.wav").Where(f => f.LastWriteTimeUtc > started).MaxBy(f => f.LastWriteTimeUtc),
                TimeSpan.FromSeconds(20),
                "the safety net to record a message");
            uniqueId = Path.GetFileNameWithoutExtension(recording.Name);
            var note = await File.ReadAllTextAsync(Path.Combine(folder, uniqueId + ".txt"));
            Assert.Contains($"uniqueid={uniqueId}", note, StringComparison.Ordinal);
            Assert.Contains("caller=", note, StringComparison.Ordinal);
            Assert.DoesNotContain(caller, note, StringComparison.Ordinal);
            Assert.Equal(0, await fallback.WaitAsync(TimeSpan.FromSeconds(30)));
            await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(30));
        }

        // 3. The service comes back and imports the note (its dispatch loop does): the sealed number opens to the caller's.
        await using (var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync())
        await using (var service = await ServiceUnderTest.StartAsync(
            supervisor.Port,
            ["--Dispatch:Enabled=true", $"--Logging:File={Path.Combine(logs, "service-restarted.log")}", .. logging],
            TestPractice.Riverside()))
        {
            var note = Path.Combine(RealAsterisk.RecordingDirectory, "..", "fallback", uniqueId + ".txt");
            await Eventually.UntilAsync(() => Task.FromResult(!File.Exists(note)), TimeSpan.FromSeconds(60), "the import of the safety-net message");
            var call = (await service.Calls.FindByUniqueIdAsync(uniqueId))!;
            Assert.Equal(caller, Assert.Single(await service.Messages.ForCallAsync(call.Id)).CallbackNumber);
        }

        // 4. Every file Asterisk or the service wrote during the test, read as bytes.
        var root = RealAsterisk.Root;
        var asteriskFiles = new[] { "var/log/asterisk", "var/spool/asterisk", "var/lib/asterisk" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => !file.Contains("/var/lib/asterisk/sounds/", StringComparison.Ordinal) && !file.Contains("/var/lib/asterisk/moh/", StringComparison.Ordinal));
        var written = asteriskFiles.Concat(Directory.EnumerateFiles(logs)).Where(file => File.GetLastWriteTimeUtc(file) >= started).ToList();
        Assert.Contains(written, file => file.EndsWith("messages.log", StringComparison.Ordinal));
        Assert.Contains(written, file => file.EndsWith("service.log", StringComparison.Ordinal));
        Assert.Contains(written, file => file.EndsWith("service-restarted.log", StringComparison.Ordinal));

        var found = new List<string>();
        foreach (var file in written)
        {
            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(file);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            foreach (var secret in new[] { caller, callback })
            {
                if (content.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret)) >= 0)
                {
                    found.Add($"{file} holds {(secret == caller ? "the caller's number" : "the callback digits")}");
                }
            }
        }

        Assert.True(found.Count == 0, string.Join('\n', found));
        Directory.Delete(logs, recursive: true);
        Directory.Delete(scenarios, recursive: true);
    }

    private static string Digits(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
}
