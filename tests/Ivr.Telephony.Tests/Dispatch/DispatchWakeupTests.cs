using Ivr.Data;
using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Telephony.Dispatch;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>
/// Needs nothing but a temporary database: the dispatch worker on a fake clock that never moves, so every round after
/// the first is one a wake-up started (on PostgreSQL, a NOTIFY from the server that saved a message).
/// </summary>
public sealed class DispatchWakeupTests
{
    [Fact]
    public async Task AWakeUpStartsARoundWithoutWaitingForThePoll()
    {
        await using var service = await PortalUnderTest.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var polls = 0;
        var options = new DispatchOptions { PollInterval = TimeSpan.FromHours(1) };
        var dispatcher = new Dispatcher(
            SafetyNetImportWorkerTests.PollCounter.Wrap(service.Get<IDispatchStore>(), () => Interlocked.Increment(ref polls)),
            service.Get<IPracticeStore>(), service.Get<IPracticeDirectory>(), service.Get<IVoicePager>(), service.Get<IEmailSender>(), service.Get<IWebhookSender>(),
            options, time, "test");
        var importer = new SafetyNetImporter(
            service.Get<ICallRecordStore>(), service.Get<IMessageStore>(), service.Get<IPracticeDirectory>(), service.Get<RecordingVault>(),
            service.Get<IOptions<Ivr.Telephony.Calls.RecordingOptions>>(), time, NullLogger<SafetyNetImporter>.Instance);
        var wakeup = new ManualWakeup();
        var worker = new DispatchWorker(dispatcher, service.Get<SealedPlayback>(), importer, options, time, NullLogger<DispatchWorker>.Instance, wakeup);

        await worker.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref polls) >= 1), TimeSpan.FromSeconds(30), "the first round");
            await Eventually.UntilAsync(
                () =>
                {
                    wakeup.Wake();
                    return Task.FromResult(Volatile.Read(ref polls) >= 3);
                },
                TimeSpan.FromSeconds(30),
                "two more rounds, each started by a wake-up, the clock never moving");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A wake-up the test gives by hand.</summary>
    private sealed class ManualWakeup : IDispatchWakeup
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task NextAsync(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                return _next.Task.WaitAsync(cancellationToken);
            }
        }

        public void Wake()
        {
            lock (_gate)
            {
                _next.TrySetResult();
                _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
