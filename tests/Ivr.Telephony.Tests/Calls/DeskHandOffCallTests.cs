using Ivr.Domain.Accounts;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Tests.Support;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>
/// Needs nothing but a temporary database: the FastAGI side of handing a caller to another process's desk. The process
/// whose desk has nobody sets where the dialplan goes next as its script's last act; the process the dialplan takes the
/// caller to finds the call by its channel and goes on from the choice of a live person.
/// </summary>
public sealed class DeskHandOffCallTests
{
    private const string Caller = "5551234567";
    private const string Number = "15550300";
    private const string UniqueId = "1700000000.91";
    private const string Other = "agi://10.0.0.2:4573";

    [Fact]
    public async Task ACallerAskingForSomeoneWithNobodyHereIsHandedToTheStaffedDeskOfAnotherProcessAsTheScriptsLastAct()
    {
        await using var service = await StartAsync();
        await service.Get<IDeskPresenceStore>().PublishAsync(new DeskPresence(Other, 1, 0, DateTimeOffset.UtcNow));
        var logger = new ListLogger<InboundCallHandler>();
        await using var agi = new ScriptedAgi($"inbound?did={Number}", Press('2'), UniqueId, Caller);

        await InboundHandlers.For(service, logger).HandleAsync(agi.Channel, CancellationToken.None);

        Assert.Equal([$"SET VARIABLE {InboundCallHandler.DeskLineVariable} operator", $"SET VARIABLE {InboundCallHandler.DeskAtVariable} {Other}"], agi.Commands.TakeLast(2));
        Assert.DoesNotContain(agi.Commands, c => c.Contains("IVR_COMPLETED", StringComparison.Ordinal));
        var call = (await service.Get<ICallRecordStore>().ListAsync(10)).Single();
        Assert.Equal(CallOutcomes.Word(CallOutcome.HandedOver), call.Outcome);
        Assert.NotNull(call.EndedAt);
        var events = await service.Get<ICallRecordStore>().EventsAsync(call.Id);
        Assert.Equal(["heard the greeting and the emergency instruction", "pressed 2: speak with someone now"], events.Where(e => e.Kind == CallFlow.DeskPathEvent).Select(e => e.Detail));
        Assert.DoesNotContain(logger.Lines, l => l.Contains(Caller, StringComparison.Ordinal) || l.Contains("4567", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherProcesssDeskNotSeenForLongerThanItsHeartbeatsIsNotWhereCallersGo()
    {
        await using var service = await StartAsync();
        await service.Get<IDeskPresenceStore>().PublishAsync(new DeskPresence(Other, 3, 0, DateTimeOffset.UtcNow - Ivr.Telephony.Desk.DeskService.PresenceFresh - TimeSpan.FromSeconds(1)));
        await using var agi = new ScriptedAgi($"inbound?did={Number}", Press('2'), UniqueId, Caller);

        await InboundHandlers.For(service, new ListLogger<InboundCallHandler>()).HandleAsync(agi.Channel, CancellationToken.None);

        Assert.DoesNotContain(agi.Commands, c => c.Contains(InboundCallHandler.DeskAtVariable, StringComparison.Ordinal));
        Assert.Contains(agi.Commands, c => c.StartsWith("STREAM FILE ivr/someone-now-menu ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheProcessACallerIsHandedToGoesOnFromTheChoiceOfALivePersonWithoutAnsweringOrGreetingAgainAndWritesTheCallsEnd()
    {
        await using var service = await StartAsync();
        var calls = service.Get<ICallRecordStore>();
        var callId = await HandedOverCallAsync(calls);
        var logger = new ListLogger<InboundCallHandler>();

        // Nobody is at this desk either by now: the caller goes where someone now goes here, and hangs up at its menu.
        await using var agi = new ScriptedAgi($"{InboundCallHandler.DeskScript}?line=operator", command => command.StartsWith("STREAM FILE", StringComparison.Ordinal) ? "200 result=-1 endpos=0\nHANGUP" : null, UniqueId, Caller);
        await InboundHandlers.For(service, logger).HandleHandedInAsync(agi.Channel, CancellationToken.None);

        Assert.StartsWith("STREAM FILE ivr/someone-now-menu ", agi.Commands.First(c => c.StartsWith("STREAM FILE", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("ANSWER", agi.Commands);
        var call = await calls.GetAsync(callId);
        Assert.True(call!.Outcome == CallOutcomes.Word(CallOutcome.CallerHungUp), $"{call.Outcome}: {call.OutcomeDetail}; {string.Join(" / ", agi.Commands)}");
        var events = await calls.EventsAsync(callId);
        Assert.Contains(events, e => e.Name == "desk-hand-over" && e.Detail == "handed in for the operator queue");
        Assert.Contains(events, e => e.Name == "live-person" && e.Detail == "the doctor: policy operators-first, desk not staffed");
    }

    [Fact]
    public async Task AChannelWhoseCallWasNotHandedOverIsLeftToTheDialplansSafetyNet()
    {
        await using var service = await StartAsync();
        var logger = new ListLogger<InboundCallHandler>();
        await using var unknown = new ScriptedAgi($"{InboundCallHandler.DeskScript}?line=operator", _ => null, "1700000000.99", Caller);

        await InboundHandlers.For(service, logger).HandleHandedInAsync(unknown.Channel, CancellationToken.None);

        Assert.Empty(unknown.Commands);
        var calls = service.Get<ICallRecordStore>();
        var callId = await HandedOverCallAsync(calls);
        await calls.CompleteAsync(callId, DateTimeOffset.UtcNow, CallOutcomes.Word(CallOutcome.OperatorHandled), "operator sam handled the call");
        await using var again = new ScriptedAgi($"{InboundCallHandler.DeskScript}?line=operator", _ => null, UniqueId, Caller);

        await InboundHandlers.For(service, logger).HandleHandedInAsync(again.Channel, CancellationToken.None);

        Assert.Empty(again.Commands);
        Assert.Equal(CallOutcomes.Word(CallOutcome.OperatorHandled), (await calls.GetAsync(callId))!.Outcome);
        Assert.Equal(2, logger.Lines.Count(l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("safety net", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ACallerMovedHereFromAnotherProcesssQueueAfterSayingItWasUrgentJoinsThisQueueAsUrgentWithoutBeingAskedAgain()
    {
        await using var service = await StartAsync();
        var calls = service.Get<ICallRecordStore>();
        var callId = await HandedOverCallAsync(calls);
        var queuedThere = DateTimeOffset.UtcNow.AddSeconds(-50);
        await calls.AppendEventAsync(callId, new CallEvent(queuedThere, "desk", DeskEvents.Queued, "waiting for an operator (routine)"));
        await calls.AppendEventAsync(callId, new CallEvent(queuedThere.AddSeconds(3), "desk", DeskEvents.Urgent, "the caller said the call is urgent: ahead of routine callers"));
        // Sam is at this desk but on a break: the caller waits for them, and hangs up during the hold prompt.
        var id = await service.Get<IUserStore>().AddAsync(new PortalUser { Username = "sam", PasswordHash = "not used", Role = PortalRole.Operator, CreatedAt = DateTimeOffset.UtcNow });
        await service.Get<IOperatorStore>().SetPhoneAsync(id, "PJSIP/sipp/sip:sam@127.0.0.1:5999", DateTimeOffset.UtcNow);
        var desk = service.Get<IDeskBoard>();
        Assert.True((await desk.SetStatusAsync("sam", OperatorStatus.Available, null)).Done);
        Assert.True((await desk.SetStatusAsync("sam", OperatorStatus.OnBreak, "a meeting")).Done);
        await using var agi = new ScriptedAgi($"{InboundCallHandler.DeskScript}?line=operator", command => command.StartsWith("STREAM FILE", StringComparison.Ordinal) ? "200 result=-1 endpos=0\nHANGUP" : null, UniqueId, Caller);

        await InboundHandlers.For(service, new ListLogger<InboundCallHandler>()).HandleHandedInAsync(agi.Channel, CancellationToken.None);

        var events = await calls.EventsAsync(callId);
        Assert.Equal(["waiting for an operator (routine)", "waiting for an operator (urgent)"], events.Where(e => e.Name == DeskEvents.Queued).Select(e => e.Detail));
        Assert.DoesNotContain(agi.Commands, c => c.Contains(PromptIds.DeskUrgentAsk, StringComparison.Ordinal));
        Assert.Contains(agi.Commands, c => c.StartsWith($"STREAM FILE ivr/{PromptIds.DeskHold} ", StringComparison.Ordinal));
    }

    private static async Task<long> HandedOverCallAsync(ICallRecordStore calls)
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var callId = await calls.StartAsync(new CallRecord { UniqueId = UniqueId, PracticeId = "lakeside", DialedNumber = Number, CallerId = Caller, StartedAt = at });
        await calls.MarkAnsweredAsync(callId, at);
        await calls.AppendEventAsync(callId, new CallEvent(at, CallFlow.DeskPathEvent, string.Empty, "pressed 2: speak with someone now"));
        await calls.CompleteAsync(callId, at.AddSeconds(20), CallOutcomes.Word(CallOutcome.HandedOver), $"handed to the operator queue of the process at {Other}");
        return callId;
    }

    private static async Task<PortalUnderTest> StartAsync()
    {
        var service = await PortalUnderTest.StartAsync();
        await service.Get<IPracticeStore>().SaveAsync(
            new Practice { Id = "lakeside", Name = "Lakeside Clinic", TimeZone = "America/Chicago", Numbers = [Number], Coverage = CoverageMode.AlwaysOn, Agreement = TestAgreements.Signed },
            "test");
        return service;
    }

    /// <summary>Asterisk's side: <paramref name="key"/> pressed at every question.</summary>
    private static Func<string, string?> Press(char key) =>
        command => command.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal) ? $"200 result={(int)key}" : null;
}
