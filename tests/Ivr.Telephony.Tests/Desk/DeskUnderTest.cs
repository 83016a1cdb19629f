using Ivr.Asterisk.Ami;
using Ivr.Asterisk.Tests.Support;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Desk;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Practices;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Desk;

/// <summary>The desk service over the temporary service's stores, a faked clock, and a dialer whose first contact accepts.</summary>
internal sealed class DeskUnderTest : IAsyncDisposable
{
    private static readonly DateTimeOffset Night = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero); // 22:00 Monday in New York

    private readonly TempService _service;
    private readonly AsteriskServers _servers;
    private readonly DeskRoomWatcher _watcher;

    private DeskUnderTest(TempService service, AsteriskServers servers, DeskRoomWatcher watcher, DeskService desk, FakeTimeProvider clock, long callRecordId)
    {
        _service = service;
        _servers = servers;
        _watcher = watcher;
        Service = desk;
        Clock = clock;
        CallRecordId = callRecordId;
    }

    public DeskService Service { get; }

    public FakeTimeProvider Clock { get; }

    public long CallRecordId { get; }

    public string CallId => "1764558000.21";

    /// <summary>The processes' published desks, in the temporary service's database.</summary>
    public IDeskPresenceStore Presence => _service.Get<IDeskPresenceStore>();

    /// <summary>The shared queue, in the temporary service's database.</summary>
    public IDeskQueueStore Queue => _service.Get<IDeskQueueStore>();

    /// <summary>The caller's own conference room.</summary>
    public const string Room = "ivr-1764558000.21";

    public DateTimeOffset CameIn => Night;

    /// <summary>
    /// The desk with the caller queued and sam available. With <paramref name="asterisk"/>, the desk's AMI is connected to
    /// that fake server and the room watcher runs on it; the caller is on <paramref name="callerChannel"/> in their room.
    /// With <paramref name="samOnBreak"/>, sam is at the desk on break instead (nobody is free, nobody is offered the
    /// caller); with <paramref name="handedIn"/>, the caller was handed here by another process's flow. The desk uses
    /// <paramref name="queue"/> for the shared queue instead of the database's, and logs to <paramref name="logger"/>, when given.
    /// </summary>
    public static async Task<DeskUnderTest> StartAsync(
        FakeAmiServer? asterisk = null,
        string callerChannel = "",
        bool samOnBreak = false,
        bool handedIn = false,
        Func<IDeskQueueStore, IDeskQueueStore>? queue = null,
        Microsoft.Extensions.Logging.ILogger<DeskService>? logger = null)
    {
        var service = await new TempService().MigratedAsync();
        var clock = new FakeTimeProvider(Night.AddMinutes(1));
        var practices = service.Get<IPracticeStore>();
        await practices.SaveAsync(Practice, "test");
        var calls = service.Get<ICallRecordStore>();
        var callRecordId = await calls.StartAsync(new CallRecord { UniqueId = "1764558000.21", PracticeId = "riverside", DialedNumber = "15550100", CallerId = "5551230000", StartedAt = Night });
        // Without a fake Asterisk no AMI secret is set: nothing connects, and the test takes no path that needs Asterisk.
        var servers = new AsteriskServers(new AmiConnectionService(Options.Create(asterisk?.ClientOptions() ?? new AmiClientOptions()), new AsteriskDiagnosticsLogger(NullLogger<AsteriskDiagnosticsLogger>.Instance), NullLogger<AmiConnectionService>.Instance));
        var desk = new DeskService(
            servers,
            service.Get<AgiScriptUrl>(),
            new AcceptingDialer(),
            practices,
            service.Get<IPracticeDirectory>(),
            new OneOperator(),
            calls,
            service.Get<IMessageStore>(),
            service.Get<IDeskLog>(),
            service.Get<IDeskPresenceStore>(),
            queue is null ? service.Get<IDeskQueueStore>() : queue(service.Get<IDeskQueueStore>()),
            new GreetingRenderer(Options.Create(new PromptsOptions { SoundsDirectory = Path.Combine(service.Directory, "no-sounds") }), NullLogger<GreetingRenderer>.Instance),
            Options.Create(new DeskOptions()),
            clock,
            logger ?? NullLogger<DeskService>.Instance);
        var watcher = new DeskRoomWatcher(servers, desk);
        await servers.StartAsync(CancellationToken.None);
        await watcher.StartAsync(CancellationToken.None);
        if (asterisk is not null)
        {
            // Logged in and watching rooms before the first call, as the service is once its first login is done.
            await servers.Own.ClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await watcher.Watching.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.True((samOnBreak ? await desk.SetStatusAsync("sam", OperatorStatus.OnBreak, "lunch") : await desk.SetStatusAsync("sam", OperatorStatus.Available, null)).Done);
        // Without a caller channel the desk has no wait to take the caller out of.
        await desk.JoinAsync(new DeskCaller("1764558000.21", callRecordId, Practice.ToProfile(), "5551230000", callerChannel, Room, DeskPriority.Routine, [], Night.AddMinutes(1), HandedIn: handedIn));
        return new DeskUnderTest(service, servers, watcher, desk, clock, callRecordId);
    }

    /// <summary>The operator's (or nurse's) phone answers offer <paramref name="offer"/> and sits in the caller's room until <see cref="OperatorLeg.DropAsync"/>.</summary>
    public async Task<OperatorLeg> AnswerAsync(string name = "sam", int offer = 1)
    {
        var leg = new OperatorLeg(OriginatedChannels.Desk(CallId, offer), offer);
        var handler = new OperatorLegHandler(Service, Options.Create(new ConferenceOptions()), NullLogger<OperatorLegHandler>.Instance);
        leg.Running = handler.HandleAsync(leg.Agi.Channel, CancellationToken.None);
        await UntilAsync(() => Service.View(name).Call is { Answered: true });
        return leg;
    }

    public Task PatchedAsync() => UntilAsync(() => Service.Standing(CallId).ClinicianId is not null);

    public async Task<IReadOnlyList<PatientMessage>> SummariesAsync() =>
        (await _service.Get<IMessageStore>().ForCallAsync(CallRecordId)).Where(m => m.Summary is not null).ToList();

    public Task<IReadOnlyList<CallEvent>> TimelineAsync() => _service.Get<ICallRecordStore>().EventsAsync(CallRecordId);

    /// <summary>
    /// Another caller (call <paramref name="callId"/>, on <paramref name="callerChannel"/> in their own room <c>ivr-CALLID</c>)
    /// joins the operators' queue now, behind the first; their call record's id.
    /// </summary>
    public async Task<long> JoinAnotherAsync(string callId, string callerChannel, DateTimeOffset? queuedBefore = null)
    {
        var calls = _service.Get<ICallRecordStore>();
        var callRecordId = await calls.StartAsync(new CallRecord { UniqueId = callId, PracticeId = "riverside", DialedNumber = "15550100", CallerId = "5551239999", StartedAt = Clock.GetUtcNow() });
        await Service.JoinAsync(new DeskCaller(callId, callRecordId, Practice.ToProfile(), "5551239999", callerChannel, $"ivr-{callId}", DeskPriority.Routine, [], Clock.GetUtcNow(), QueuedBefore: queuedBefore));
        return callRecordId;
    }

    /// <summary>The desk log's facts of the calls that joined the queue tonight (the desk's reports read them).</summary>
    public Task<IReadOnlyList<DeskCallFact>> DeskCallsAsync() => _service.Get<IDeskReportStore>().CallsAsync(null, Night, Night.AddDays(1));

    /// <summary>The desk log's operators' status changes tonight.</summary>
    public Task<IReadOnlyList<OperatorStatusChange>> StatusChangesAsync() => _service.Get<IDeskReportStore>().StatusChangesAsync(Night, Night.AddDays(1));

    public async ValueTask DisposeAsync()
    {
        await _watcher.StopAsync(CancellationToken.None);
        _watcher.Dispose();
        await _servers.StopAsync(CancellationToken.None);
        await _service.DisposeAsync();
    }

    /// <summary>Waits on the desk's own change signal (no clock) until <paramref name="done"/> holds.</summary>
    private async Task UntilAsync(Func<bool> done)
    {
        while (true)
        {
            var changed = Service.Changed;
            if (done())
            {
                return;
            }

            await changed.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private sealed class AcceptingDialer : IPhysicianDialer
    {
        public async Task<OnCallContact?> DialChainAsync(DialRequest request, Func<BridgeLeg, Task> onLeg, CancellationToken cancellationToken)
        {
            var contact = request.Chain[0];
            await onLeg(new BridgeLeg(1, contact.ClinicianId, Night, Night, "accepted", "pressed 1"));
            return contact;
        }

        public Task ClearRoomAsync(string room, bool callerMayStillBeJoining, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class OneOperator : IOperatorStore
    {
        public Task SetPhoneAsync(long userId, string? phone, DateTimeOffset at, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<OperatorAccount>>([new OperatorAccount(1, "sam", false, "PJSIP/sam"), new OperatorAccount(2, "garcia", false, "PJSIP/garcia", IsNurse: true)]);
    }

    private static Practice Practice { get; } = new()
    {
        Id = "riverside",
        Name = "Riverside Pediatrics",
        Numbers = ["15550100"],
        TimeZone = "America/New_York",
        Hours = new WeeklyHours(Enum.GetValues<DayOfWeek>().Where(d => d is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            .ToDictionary(d => d, IReadOnlyList<OpeningInterval> (_) => [new(new TimeOnly(8, 0), new TimeOnly(17, 0))])),
        Clinicians =
        [
            new Clinician("dr-1", "Doctor One", ClinicianRole.Physician, [new ContactMethod(ContactKind.Sip, "PJSIP/dr1", true), new ContactMethod(ContactKind.Email, "dr1@example.org", true)]),
        ],
        Rotations = [new Rotation("primary", Layers.Primary, RotationPeriod.Daily, new TimeOnly(0, 0), DayOfWeek.Monday, new DateOnly(2026, 1, 1), ["dr-1"])],
        Agreement = TestAgreements.Signed,
    };
}

/// <summary>An operator's answered phone on a scripted FastAGI session: the ConfBridge command blocks until the line drops.</summary>
internal sealed class OperatorLeg
{
    private readonly ManualResetEventSlim _drop = new();

    public OperatorLeg(string uniqueId, int offer)
    {
        Agi = new ScriptedAgi(
            $"operator?call=1764558000.21&offer={offer}",
            line =>
            {
                if (line.StartsWith("EXEC ConfBridge", StringComparison.Ordinal))
                {
                    _drop.Wait(TimeSpan.FromSeconds(30));
                    return "200 result=-1";
                }

                return null;
            },
            uniqueId);
    }

    public ScriptedAgi Agi { get; }

    public Task Running { get; set; } = Task.CompletedTask;

    public async Task DropAsync()
    {
        _drop.Set();
        await Running.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
