using System.Collections.Concurrent;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Domain.Tests.Support;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: the clinician's whisper with a scripted clinician, no sockets.</summary>
public sealed class WhisperFlowTests
{
    private readonly ConcurrentQueue<string> _log = new();

    [Fact]
    public async Task ClinicianHearsPracticeAndCallerNumberAndJoinsTheCallersRoomOnOne()
    {
        var (leg, session) = await RunAsync(new ScriptedClinician(_log, '1'));

        Assert.Equal(
            ["answer", "play whisper-intro", "play practice-name-riverside", "play whisper-caller-number", "say 5551234567", "play whisper-menu", "press 1", "play connecting", "conference ivr-1700000000.42"],
            _log);
        Assert.Equal([WhisperDecisions.Accepted], leg.Decisions.Take(1));
        Assert.Equal(WhisperState.Ended, session.State);
    }

    [Fact]
    public async Task TwoDeclinesAndTheLegHangsUp()
    {
        var (leg, _) = await RunAsync(new ScriptedClinician(_log, '2'));

        Assert.Equal(WhisperDecisions.Declined, leg.Decision);
        Assert.Equal("hang up", _log.Last());
        Assert.DoesNotContain(_log, l => l.StartsWith("conference", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NothingPressedAfterTheMenuIsOfferedAsOftenAsTheOptionsSayIsNoResponse()
    {
        var (leg, _) = await RunAsync(new ScriptedClinician(_log, null, '5', null), new CallFlowOptions { WhisperAttempts = 3 });

        Assert.Equal(WhisperDecisions.NoResponse, leg.Decision);
        Assert.Equal(3, _log.Count(l => l == "play whisper-menu"));
        Assert.Equal("hang up", _log.Last());
    }

    [Fact]
    public async Task ByDefaultTheMenuIsOfferedTwice()
    {
        var (leg, _) = await RunAsync(new ScriptedClinician(_log, null, null));

        Assert.Equal(WhisperDecisions.NoResponse, leg.Decision);
        Assert.Equal(2, _log.Count(l => l == "play whisper-menu"));
        Assert.Contains("wait 6 s: nothing", _log);
    }

    [Fact]
    public async Task HangupDuringTheWhisperTellsTheDialerTheLegHungUp()
    {
        var (leg, session) = await RunAsync(new ScriptedClinician(_log) { HangUpDuringPrompt = "whisper-intro" });

        Assert.Equal(WhisperDecisions.HungUp, leg.Decision);
        Assert.Equal(WhisperState.Ended, session.State);
        Assert.DoesNotContain("play whisper-menu", _log);
    }

    [Fact]
    public async Task ACallerNumberThatIsNotDigitsIsNotRead()
    {
        await RunAsync(new ScriptedClinician(_log, '2'), callerNumber: "anonymous");

        Assert.DoesNotContain("play whisper-caller-number", _log);
        Assert.DoesNotContain(_log, l => l.StartsWith("say", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnexpectedErrorIsRethrownAfterTheLegHasItsAnswer()
    {
        var leg = new FakeLeg(Request("5551234567"));
        var flow = new WhisperFlow(new ScriptedClinician(_log, '1') { ConferenceFails = new IOException("bridge down") }, new WhisperSession(leg), new CallFlowOptions());

        await Assert.ThrowsAsync<IOException>(() => flow.RunAsync(CancellationToken.None));
        Assert.Equal(WhisperDecisions.Accepted, leg.Decision);
    }

    private async Task<(FakeLeg Leg, WhisperSession Session)> RunAsync(ScriptedClinician clinician, CallFlowOptions? options = null, string? callerNumber = "5551234567")
    {
        var leg = new FakeLeg(Request(callerNumber));
        var session = await new WhisperFlow(clinician, new WhisperSession(leg), options ?? new CallFlowOptions()).RunAsync(CancellationToken.None);
        return (leg, session);
    }

    private static DialRequest Request(string? callerNumber) =>
        new(CallFlow.RoomOf("1700000000.42"), new PracticeProfile("riverside", "Riverside", "greeting-riverside", string.Empty, "America/New_York", "practice-name-riverside"), callerNumber, []);

    private sealed class FakeLeg(DialRequest request) : IWhisperLeg
    {
        public DialRequest Request => request;

        public List<string> Decisions { get; } = [];

        /// <summary>The answer the dialer got: the first.</summary>
        public string Decision => Decisions[0];

        public void Decide(string decision) => Decisions.Add(decision);
    }
}
