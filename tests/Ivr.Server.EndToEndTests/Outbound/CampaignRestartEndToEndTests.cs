using Ivr.Asterisk.Ami;
using Ivr.Data;
using Ivr.Domain.Outbound;
using Ivr.Domain.Scheduling;
using Ivr.Server.EndToEndTests.Support;

namespace Ivr.Server.EndToEndTests.Outbound;

/// <summary>
/// Needs a real Asterisk and SIPp: the service runs as its own process and is killed (SIGKILL) while a campaign's
/// patient is on the line; started again on the same database, it closes the call as interrupted once its lease runs
/// out and does not call the patient again that day (one call a day to a number).
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class CampaignRestartEndToEndTests
{
    [Fact]
    public async Task ServiceKilledDuringACampaignCallNeverCallsThePatientTwiceInTheWindow()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(CampaignEndToEndTests.WithAgiEvents());
        await using var dials = new AmiEventLog(ami, "DialBegin");
        await using var detecting = new AmiEventLog(ami, "AGIExecStart");
        await using var person = await SippScript.Phone().When(CallerCue.Amd).SayHello().AnswerAsync();
        var directory = Path.Combine(Path.GetTempPath(), "ivr-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var data = ServiceUnderTest.DataIn(directory);
        string[] settings =
        [
            "--Dispatch:Enabled=false",
            "--Outbound:Lease=00:01:10",
            .. CampaignEndToEndTests.Settings(new() { [CampaignEndToEndTests.Person] = person.Port }),
        ];
        var first = await ServiceUnderTest.StartProcessAsync(directory, TestPractice.Riverside(person.Port), settings);
        System.Diagnostics.Process? restarted = null;
        try
        {
            await ServiceUnderTest.WaitForPortAsync(4573, TimeSpan.FromSeconds(60));
            var store = new SqliteCampaignStore(new SqliteDatabase(data), PhiProtector.FromOptions(data));
            var id = await CampaignEndToEndTests.StartAsync(store, CampaignKind.Cancellation, [CampaignEndToEndTests.Person], retryOnceADay: true);

            // The patient is on the line, AMD listening, when the service dies.
            await Eventually.UntilAsync(() => Task.FromResult(detecting.FirstAt(e => (e["Command"] ?? string.Empty).StartsWith("EXEC AMD", StringComparison.OrdinalIgnoreCase)) is not null), TimeSpan.FromSeconds(60), "AMD on the patient's line");
            first.Kill();
            await first.WaitForExitAsync();
            restarted = await ServiceUnderTest.StartProcessAsync(directory, TestPractice.Riverside(person.Port), settings);

            var held = await Eventually.ValueAsync(async () => (await store.PatientsAsync(id)).SingleOrDefault(p => p.HeldBy == "calls-a-day"), TimeSpan.FromSeconds(150), "the restarted service to hold the patient until tomorrow");
            var attempt = Assert.Single(await store.AttemptsAsync(id));
            Assert.Equal((AttemptResult.Failed, "interrupted: the service stopped during the call"), (attempt.Result, attempt.Detail));
            var campaign = (await store.GetAsync(id))!;
            var clock = new ZoneClock(campaign.TimeZone);
            Assert.Equal(DateOnly.FromDateTime(clock.Local(attempt.StartedAt)).AddDays(1).ToDateTime(new TimeOnly(8, 0)), clock.Local(held.NextAt!.Value));
            Assert.Single(dials.Events, e => (e["DialString"] ?? string.Empty).Contains(CampaignEndToEndTests.Numbers[CampaignEndToEndTests.Person], StringComparison.Ordinal));
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

        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(60));
    }
}
