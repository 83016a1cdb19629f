using System.Collections.Concurrent;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Domain.Simulation;
using Ivr.Domain.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Runs one call through the real flow with a scripted caller, fake dialer and in-memory stores.</summary>
public sealed class CallFlowHarness
{
    public const string CallerId = "5551234567";

    public CallFlowHarness(CallerStep[] steps, string[]? physicianAnswers = null, string? callerId = CallerId, string? hangUpDuringPrompt = null, CoverageDecision? coverage = null, OfficeRingResult office = OfficeRingResult.NoAnswer)
    {
        Log = new ConcurrentQueue<string>();
        Calls = new InMemoryCallRecordStore(Log.Enqueue);
        Messages = new InMemoryMessageStore(Log.Enqueue);
        var holder = new ScriptedCallerHolder();
        Caller = new ScriptedCaller(Log, steps) { HangUpDuringPrompt = hangUpDuringPrompt, Office = office };
        Coverage = coverage;
        holder.Caller = Caller;
        Dialer = new FakeDialer(holder, physicianAnswers ?? []);
        CallerIdNumber = callerId;
    }

    public ConcurrentQueue<string> Log { get; }

    /// <summary>The flow's options; the defaults unless a test sets them before running.</summary>
    public CallFlowOptions Options { get; init; } = new();

    /// <summary>The operator desk; none (never staffed) unless a test brings one.</summary>
    public IOperatorDesk Desk { get; init; } = NoOperatorDesk.Instance;

    /// <summary>The practice called; Riverside Pediatrics with default settings unless a test says otherwise.</summary>
    public PracticeProfile Practice { get; init; } = FixedPracticeDirectory.Practice;

    /// <summary>The call's clock: every read moves it a second on, so the timeline's entries have distinct, ordered times.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 7, 10, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };

    /// <summary>Which rendered prompts have audio; none unless a test says otherwise.</summary>
    public IRenderedPrompts RenderedPrompts { get; init; } = NoRenderedPrompts.Instance;

    /// <summary>Who hears the call's states as they change; nobody unless a test listens.</summary>
    public ICallProgress Progress { get; init; } = NoCallProgress.Instance;

    public CoverageDecision? Coverage { get; }

    /// <summary>The desk's line another process handed the call to this one's on; null for a call that rang in here.</summary>
    public DeskLine? HandedIn { get; init; }

    /// <summary>For a call handed in: whether the caller said it was urgent in the other process's queue, and when they first joined it.</summary>
    public (bool Urgent, DateTimeOffset? QueuedAt) QueuedBefore { get; init; }

    /// <summary>The EHR link; none unless a test brings one.</summary>
    public Ivr.Domain.Ehr.IEhrLink Ehr { get; init; } = Ivr.Domain.Ehr.NoEhrLink.Instance;

    public InMemoryCallRecordStore Calls { get; }

    public InMemoryMessageStore Messages { get; }

    public ScriptedCaller Caller { get; }

    public FakeDialer Dialer { get; }

    public string? CallerIdNumber { get; }

    public CallSession? Session { get; private set; }

    public IReadOnlyList<CallEvent> Events { get; private set; } = [];

    public Task<CallSession> RunAsync() => RunAsync(null);

    /// <summary>Runs a call whose caller is at the main menu and chose <paramref name="choice"/> there.</summary>
    public Task<CallSession> RunFromMainMenuAsync(CallTrigger choice) => RunAsync(choice);

    private async Task<CallSession> RunAsync(CallTrigger? choice)
    {
        var clock = Clock;
        var callId = await Calls.StartAsync(new CallRecord { UniqueId = "1700000000.42", PracticeId = FixedPracticeDirectory.Practice.Id, DialedNumber = "15550100", CallerId = CallerIdNumber, StartedAt = clock.GetUtcNow() });
        var session = new CallSession(callId, "1700000000.42", Practice, "15550100", CallerIdNumber, Coverage) { ChannelName = "PJSIP/sipp-00000001", HandedIn = HandedIn is not null, DeskLine = HandedIn ?? DeskLine.Operators, DeskUrgentBefore = QueuedBefore.Urgent, DeskQueuedBefore = QueuedBefore.QueuedAt };
        var flow = new CallFlow(Caller, session, new CallDependencies(Calls, Messages, new FixedPracticeDirectory(), Dialer, clock, Options) { Progress = Progress, Desk = Desk, Ehr = Ehr, RenderedPrompts = RenderedPrompts });
        var token = new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;
        Session = choice is { } chosen ? await flow.RunFromMainMenuAsync(chosen, token) : await flow.RunAsync(token);
        Events = await Calls.EventsAsync(callId);
        return Session;
    }

    public IEnumerable<string> StatesEntered => Events.Where(e => e.Kind == "state").Select(e => e.Name);
}
