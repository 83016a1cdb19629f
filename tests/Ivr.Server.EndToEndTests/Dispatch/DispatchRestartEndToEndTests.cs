using Ivr.Asterisk.Ami;
using Ivr.Data;
using Ivr.Domain.Dispatch;
using Ivr.Server.EndToEndTests.Support;

namespace Ivr.Server.EndToEndTests.Dispatch;

/// <summary>
/// Needs a real Asterisk and SIPp: the service runs as its own process, is killed (SIGKILL) while a
/// page rings, and is started again on the same database. The escalation goes on where it stood.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class DispatchRestartEndToEndTests
{
    private static readonly TimeSpan Repeat = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ServiceKilledMidPageResumesOnRestartWithEveryLaterPageOnTimeAndNoneTwice()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var ringing = new AmiEventLog(ami, "Newchannel");
        await using var doctor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        var practice = TestPractice.Riverside(doctor.Port) with { EscalationSeconds = (int)Repeat.TotalSeconds, EscalationAttempts = 5 };
        var directory = Path.Combine(Path.GetTempPath(), "ivr-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var data = ServiceUnderTest.DataIn(directory);
        string[] settings = ["--Dispatch:Enabled=true", "--Dispatch:PollInterval=00:00:00.250"];
        var first = await ServiceUnderTest.StartProcessAsync(directory, practice, settings);
        System.Diagnostics.Process? restarted = null;
        try
        {
            await ServiceUnderTest.WaitForPortAsync(4573, TimeSpan.FromSeconds(60));
            await using (var patient = await PatientCall.StartAsync(UrgentPageEndToEndTests.UrgentMessage(), directory))
            {
                await patient.WaitAsync(TimeSpan.FromSeconds(120));
            }

            var store = new SqliteDispatchStore(new SqliteDatabase(data), PhiProtector.FromOptions(data));
            var messageId = (await Eventually.ValueAsync(async () => (await new SqliteMessageStore(new SqliteDatabase(data), PhiProtector.FromOptions(data)).ListAsync(10)).FirstOrDefault(m => m.CallbackNumber == UrgentPageEndToEndTests.CanaryCallback), TimeSpan.FromSeconds(60), "the urgent message")).Id;

            // Step 1 rings the doctor; the service dies mid-page and comes back on the same database.
            var second = await Eventually.ValueAsync(async () => (await VoiceAsync(store, messageId)).FirstOrDefault(a => a.Step == 1), TimeSpan.FromSeconds(60), "the second page");
            await Eventually.UntilAsync(() => Task.FromResult(ringing.FirstAt(e => e["Uniqueid"] == $"page-{second.Id}") is not null), TimeSpan.FromSeconds(30), "the second page's channel in Asterisk");
            first.Kill();
            await first.WaitForExitAsync();
            restarted = await ServiceUnderTest.StartProcessAsync(directory, practice, settings);
            await Eventually.UntilAsync(async () => (await VoiceAsync(store, messageId)).Any(a => a.Step == 3), TimeSpan.FromSeconds(90), "the fourth page");

            var pages = await VoiceAsync(store, messageId);
            Assert.Equal([0, 1, 2, 3], pages.Select(p => p.Step));
            Assert.Equal("no-answer", pages[0].Outcome);
            Assert.Equal("interrupted", pages[1].Outcome);
            var due = pages[0].StartedAt;
            for (var step = 1; step < pages.Count; step++)
            {
                var expected = due + (Repeat * step);
                Assert.InRange(pages[step].StartedAt, expected - TimeSpan.FromSeconds(0.5), expected + TimeSpan.FromSeconds(5));
            }
        }
        finally
        {
            foreach (var process in new[] { first, restarted })
            {
                if (process is { HasExited: false })
                {
                    process.Kill();
                    await process.WaitForExitAsync();
                }
            }
        }

        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    private static async Task<IReadOnlyList<DispatchAttempt>> VoiceAsync(SqliteDispatchStore store, long messageId) =>
        (await store.AttemptsAsync(messageId)).Where(a => a.Channel == DispatchChannels.Voice).ToList();
}
