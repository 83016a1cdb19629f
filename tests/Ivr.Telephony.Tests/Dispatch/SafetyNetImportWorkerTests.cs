using System.Reflection;
using Ivr.Data;
using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Dispatch;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>
/// Needs nothing but a temporary database: the dispatch worker on a fake clock, with the safety net's
/// folder holding one good note beside a duplicate, a malformed and a hostile one.
/// </summary>
public sealed class SafetyNetImportWorkerTests
{
    private const string Caller = "5551112222";

    [Fact]
    public async Task BadNotesAreSetAsideWhileTheGoodOneBesideThemImportsAndPagingGoesOn()
    {
        await using var service = await PortalUnderTest.StartAsync();
        await service.SeedPracticesAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new ListLogger<SafetyNetImporter>();
        var importer = new SafetyNetImporter(
            service.Get<ICallRecordStore>(), service.Get<IMessageStore>(), service.Get<IPracticeDirectory>(), service.Get<RecordingVault>(),
            service.Get<IOptions<RecordingOptions>>(), time, log);
        var at = time.GetUtcNow().AddMinutes(-2).ToUnixTimeSeconds();
        Note(importer, "1763795400.501", $"uniqueid=1763795400.501 did=15550100 callerid={Caller} at={at}", time);
        Note(importer, "1763795400.502", $"uniqueid=1763795400.502 did=15550100 callerid={Caller} callerid=5553334444 at={at}", time);
        Note(importer, "1763795400.503", $"uniqueid=1763795400.503 did=15550100 callerid={Caller} at=yesterday", time);
        Note(importer, "1763795400.504", $"uniqueid=1763795400.504 did=15550100 callerid={Caller}';DROP%20TABLE at={at}", time);
        Note(importer, "evil name", $"uniqueid=1763795400.505 did=15550100 callerid={Caller} at={at}", time);

        var polls = 0;
        var dispatcher = new Dispatcher(
            PollCounter.Wrap(service.Get<IDispatchStore>(), () => Interlocked.Increment(ref polls)),
            service.Get<IPracticeStore>(), service.Get<IPracticeDirectory>(), service.Get<IVoicePager>(), service.Get<IEmailSender>(), service.Get<IWebhookSender>(),
            new DispatchOptions(), time, "test");
        var worker = new DispatchWorker(dispatcher, service.Get<SealedPlayback>(), importer, new DispatchOptions(), time, NullLogger<DispatchWorker>.Instance);
        var rejected = Path.Combine(importer.Folder, "rejected");

        await worker.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.UntilAsync(
                () => Task.FromResult(Directory.Exists(rejected) && Directory.GetFiles(rejected, "*.txt").Length == 4),
                TimeSpan.FromSeconds(30),
                "the four bad notes to be set aside");
            await Eventually.UntilAsync(
                () =>
                {
                    time.Advance(TimeSpan.FromSeconds(1));
                    return Task.FromResult(Volatile.Read(ref polls) >= 5);
                },
                TimeSpan.FromSeconds(30),
                "the dispatcher to keep polling");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        var call = await service.Get<ICallRecordStore>().FindByUniqueIdAsync("1763795400.501");
        Assert.NotNull(call);
        var message = Assert.Single(await service.Get<IMessageStore>().ForCallAsync(call.Id));
        Assert.Equal(Caller, message.CallbackNumber);
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.False(File.Exists(Path.Combine(importer.Folder, "1763795400.501.txt")));
        Assert.True(File.Exists(Path.Combine(importer.Folder, "1763795400.501.wav.enc")));
        Assert.Equal(
            ["1763795400.502.txt", "1763795400.502.wav.enc", "1763795400.503.txt", "1763795400.503.wav.enc", "1763795400.504.txt", "1763795400.504.wav.enc", "evil name.txt", "evil name.wav.enc"],
            Directory.GetFiles(rejected).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(importer.Folder, "*.wav"));
        foreach (var id in new[] { "1763795400.502", "1763795400.503", "1763795400.504", "1763795400.505" })
        {
            Assert.Null(await service.Get<ICallRecordStore>().FindByUniqueIdAsync(id));
        }

        Assert.Equal(4, log.Lines.Count(l => l.Contains("rejected/", StringComparison.Ordinal)));
        Assert.DoesNotContain(log.Lines, l => l.Contains(Caller, StringComparison.Ordinal) || l.Contains("DROP", StringComparison.Ordinal) || l.Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANoteAnotherProcessHasClaimedIsLeftToItAndImportedOnceTheClaimIsGone()
    {
        await using var service = await PortalUnderTest.StartAsync();
        await service.SeedPracticesAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var importer = Importer(service, time);
        Note(importer, "1763795400.601", $"uniqueid=1763795400.601 did=15550100 callerid={Caller} at={time.GetUtcNow().AddMinutes(-2).ToUnixTimeSeconds()}", time);
        var claimPath = Path.Combine(importer.Folder, "1763795400.601.claim");

        using (new FileStream(claimPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Equal(0, await importer.ImportAsync(CancellationToken.None));
            Assert.True(File.Exists(Path.Combine(importer.Folder, "1763795400.601.txt")));
            Assert.Null(await service.Get<ICallRecordStore>().FindByUniqueIdAsync("1763795400.601"));
        }

        Assert.Equal(1, await importer.ImportAsync(CancellationToken.None));
        Assert.NotNull(await service.Get<ICallRecordStore>().FindByUniqueIdAsync("1763795400.601"));
        Assert.False(File.Exists(claimPath));
    }

    [Fact]
    public async Task ANoteWaitsThroughADatabaseOutageHoweverManyRoundsFailAndIsImportedWhenTheDatabaseAnswers()
    {
        await using var service = await PortalUnderTest.StartAsync();
        await service.SeedPracticesAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var importer = Importer(service, time);
        Note(importer, "1763795400.801", $"uniqueid=1763795400.801 did=15550100 callerid={Caller} at={time.GetUtcNow().AddMinutes(-2).ToUnixTimeSeconds()}", time);

        // The same importer's work on a PostgreSQL server that is down: every round's connection is refused.
        var closedPort = FreeTcpPort();
        using var down = Database.For(new DataOptions { Provider = DataProvider.Postgres, ConnectionString = $"Host=127.0.0.1;Port={closedPort};Username=ivr;Database=ivr;Timeout=5" });
        var protector = service.Get<PhiProtector>();
        var unreachable = new SafetyNetImporter(new SqliteCallRecordStore(down, protector), new SqliteMessageStore(down, protector), service.Get<IPracticeDirectory>(),
            service.Get<RecordingVault>(), service.Get<IOptions<RecordingOptions>>(), time, NullLogger<SafetyNetImporter>.Instance);
        for (var round = 0; round < 10; round++)
        {
            Assert.Equal(0, await unreachable.ImportAsync(CancellationToken.None));
        }

        Assert.True(File.Exists(Path.Combine(importer.Folder, "1763795400.801.txt")), "the note left the spool while the database was down");
        Assert.False(Directory.Exists(Path.Combine(importer.Folder, "rejected")), "a note was set aside for the database's outage");

        // The database answers again: the note is imported, once.
        Assert.Equal(1, await importer.ImportAsync(CancellationToken.None));
        var call = await service.Get<ICallRecordStore>().FindByUniqueIdAsync("1763795400.801");
        Assert.Single(await service.Get<IMessageStore>().ForCallAsync(call!.Id));
    }

    [Fact]
    public async Task TwoProcessesImportingOneSpoolAtOnceImportEachMessageOnce()
    {
        await using var service = await PortalUnderTest.StartAsync();
        await service.SeedPracticesAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var first = Importer(service, time);
        var second = Importer(service, time);
        var ids = Enumerable.Range(0, 12).Select(i => $"1763795400.7{i:00}").ToList();
        foreach (var id in ids)
        {
            Note(first, id, $"uniqueid={id} did=15550100 callerid={Caller} at={time.GetUtcNow().AddMinutes(-2).ToUnixTimeSeconds()}", time);
        }

        var imported = await Task.WhenAll(Task.Run(() => first.ImportAsync(CancellationToken.None)), Task.Run(() => second.ImportAsync(CancellationToken.None)));
        imported = [.. imported, await first.ImportAsync(CancellationToken.None), await second.ImportAsync(CancellationToken.None)];

        Assert.Equal(ids.Count, imported.Sum());
        foreach (var id in ids)
        {
            var call = await service.Get<ICallRecordStore>().FindByUniqueIdAsync(id);
            Assert.Single(await service.Get<IMessageStore>().ForCallAsync(call!.Id));
        }

        Assert.Empty(Directory.GetFiles(first.Folder, "*.claim"));
    }

    [Fact]
    public async Task ACallHandedToAnotherProcesssDeskThatTheNetTookIsRecordedAsTheNetsWithItsMessage()
    {
        await using var service = await PortalUnderTest.StartAsync();
        await service.SeedPracticesAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var calls = service.Get<ICallRecordStore>();
        var callId = await calls.StartAsync(new CallRecord { UniqueId = "1763795400.611", PracticeId = "riverside", DialedNumber = "15550100", CallerId = Caller, StartedAt = time.GetUtcNow().AddMinutes(-3) });
        await calls.CompleteAsync(callId, time.GetUtcNow().AddMinutes(-2), CallOutcomes.Word(CallOutcome.HandedOver), "handed to the operator queue of the process at agi://127.0.0.1:4576");
        var importer = Importer(service, time);
        Note(importer, "1763795400.611", $"uniqueid=1763795400.611 did=15550100 callerid={Caller} at={time.GetUtcNow().AddMinutes(-2).ToUnixTimeSeconds()}", time);

        Assert.Equal(1, await importer.ImportAsync(CancellationToken.None));

        var call = (await calls.GetAsync(callId))!;
        Assert.Equal((CallOutcomes.Word(CallOutcome.SafetyNet), "the hand-off to another process's desk failed; Asterisk's safety net took the message"), (call.Outcome, call.OutcomeDetail));
        Assert.Single(await service.Get<IMessageStore>().ForCallAsync(callId));
    }

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static SafetyNetImporter Importer(PortalUnderTest service, FakeTimeProvider time) =>
        new(service.Get<ICallRecordStore>(), service.Get<IMessageStore>(), service.Get<IPracticeDirectory>(), service.Get<RecordingVault>(),
            service.Get<IOptions<RecordingOptions>>(), time, NullLogger<SafetyNetImporter>.Instance);

    private static void Note(SafetyNetImporter importer, string name, string text, FakeTimeProvider time)
    {
        Directory.CreateDirectory(importer.Folder);
        var note = Path.Combine(importer.Folder, name + ".txt");
        var audio = Path.Combine(importer.Folder, name + ".wav");
        File.WriteAllText(note, text);
        File.WriteAllBytes(audio, TestWav.Tone(TimeSpan.FromSeconds(1)));
        var settled = time.GetUtcNow().UtcDateTime.AddMinutes(-1);
        File.SetLastWriteTimeUtc(note, settled);
        File.SetLastWriteTimeUtc(audio, settled);
    }

    /// <summary>The real store, except that each poll for due work is counted and finds none (nothing is paged in this test).</summary>
    public class PollCounter : DispatchProxy
    {
        private IDispatchStore _inner = null!;
        private Action _polled = null!;

        public static IDispatchStore Wrap(IDispatchStore inner, Action polled)
        {
            var proxy = Create<IDispatchStore, PollCounter>();
            var counter = (PollCounter)(object)proxy;
            counter._inner = inner;
            counter._polled = polled;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IDispatchStore.DueAsync))
            {
                _polled();
                return Task.FromResult<IReadOnlyList<DispatchWork>>([]);
            }

            return targetMethod.Invoke(_inner, args);
        }
    }
}
