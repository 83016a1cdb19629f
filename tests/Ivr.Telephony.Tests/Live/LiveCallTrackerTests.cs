using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Telephony.Live;
using static Ivr.Testing.AmiEvents;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Live;

/// <summary>Needs nothing: the tracker fed with AMI events in Asterisk's own shape and the call flow's states.</summary>
public sealed class LiveCallTrackerTests
{
    private const string Patient = "1795360542.129";
    private const string PatientChannel = "PJSIP/trunk-00000069";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);
    private static readonly PracticeProfile Riverside = new("riverside-pediatrics", "Riverside Pediatrics", "greeting-riverside-pediatrics", string.Empty, "America/New_York");

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly LiveCallTracker _tracker;

    public LiveCallTrackerTests()
    {
        _tracker = new LiveCallTracker(_clock);
        _tracker.Resynchronise(_tracker.Mark(), []);
    }

    [Fact]
    public void APatientChannelAndItsFlowMeetOnTheUniqueidWithPracticeStateAndTheCallerMasked()
    {
        _tracker.Apply(Newchannel(Patient, PatientChannel, callerNumber: "5551234567"));
        var session = Session();
        _tracker.Started(session);
        _clock.Advance(TimeSpan.FromSeconds(3));
        _tracker.Entered(session, CallState.Greeting);

        var call = Assert.Single(_tracker.Snapshot().Calls);
        Assert.Equal(Patient, call.Id);
        Assert.Equal("riverside-pediatrics", call.PracticeId);
        Assert.Equal("Riverside Pediatrics", call.PracticeName);
        Assert.Equal(Now, call.StartedAt);
        Assert.Equal(CallState.Greeting, call.State);
        Assert.Equal("greeting", call.Status);
        Assert.Equal("···4567", call.Caller);
        var channel = Assert.Single(call.Channels);
        Assert.Equal(("patient", PatientChannel, "Ring"), (channel.Role, channel.Name, channel.State));
    }

    [Fact]
    public void TheWholeNumberIsNeverKeptEvenWhenOnlyAsteriskKnowsTheCall()
    {
        _tracker.Apply(Newchannel(Patient, PatientChannel, callerNumber: "+15551234567"));

        var call = Assert.Single(_tracker.Snapshot().Calls);
        Assert.Equal("···4567", call.Caller);
        Assert.Null(call.PracticeId);
        Assert.Equal(LiveStatus.NotInService, call.Status);
        Assert.DoesNotContain("5551234567", System.Text.Json.JsonSerializer.Serialize(_tracker.Snapshot()));
    }

    [Fact]
    public void PhysicianLegsShowRingingThenWhisperThenConference()
    {
        var session = Start();
        _tracker.Entered(session, CallState.ConnectingPhysician);
        _tracker.Apply(ConfbridgeJoin(Patient, PatientChannel, $"ivr-{Patient}"));
        Assert.Equal("on hold for the physician", Status());

        var leg1 = $"ivr-{Patient}-leg1";
        _tracker.Apply(Newchannel(leg1, "PJSIP/sipp-0000006a", state: "Down", exten: "s"));
        _tracker.Apply(Newstate(leg1, "PJSIP/sipp-0000006a", "Ringing"));
        Assert.Equal("ringing physician 1", Status());
        _tracker.Apply(Hangup(leg1, "PJSIP/sipp-0000006a"));

        var leg2 = $"ivr-{Patient}-leg2";
        _tracker.Apply(Newchannel(leg2, "PJSIP/sipp-0000006b", state: "Down", exten: "s"));
        _tracker.Apply(Newstate(leg2, "PJSIP/sipp-0000006b", "Ringing"));
        Assert.Equal("ringing physician 2", Status());
        _tracker.Apply(Newstate(leg2, "PJSIP/sipp-0000006b", "Up"));
        Assert.Equal("physician 2 answered (whisper)", Status());
        _tracker.Apply(ConfbridgeJoin(leg2, "PJSIP/sipp-0000006b", $"ivr-{Patient}"));

        var call = Assert.Single(_tracker.Snapshot().Calls);
        Assert.Equal("in conference with physician 2", call.Status);
        Assert.Equal(["patient", "physician"], call.Channels.Select(c => c.Role));
        Assert.All(call.Channels, c => Assert.True(c.InConference));
        Assert.Equal(2, call.Channels[1].Attempt);
    }

    [Fact]
    public void TheCallVanishesWithThePatientsHangupLegsIncludedAndLateEventsDoNotBringItBack()
    {
        var session = Start();
        var leg = $"ivr-{Patient}-leg1";
        _tracker.Apply(Newchannel(leg, "PJSIP/sipp-0000006a", state: "Down", exten: "s"));
        var before = _tracker.Snapshot().Version;
        var changed = _tracker.Changed;

        _tracker.Apply(Hangup(Patient, PatientChannel));

        Assert.True(changed.IsCompleted);
        Assert.True(_tracker.Snapshot().Version > before);
        Assert.Empty(_tracker.Snapshot().Calls);
        _tracker.Entered(session, CallState.CallerHungUp);
        _tracker.Apply(Newstate(leg, "PJSIP/sipp-0000006a", "Ringing"));
        _tracker.Apply(Newchannel($"ivr-{Patient}-leg2", "PJSIP/sipp-0000006b", exten: "s"));
        _tracker.Started(session);
        _tracker.Ended(session);
        Assert.Empty(_tracker.Snapshot().Calls);
    }

    [Fact]
    public void AFlowThatEndsWhileTheCallerIsStillOnTheLineStaysUntilTheHangup()
    {
        var session = Start();
        session.HandToSafetyNet = true;

        _tracker.Ended(session);

        Assert.Equal("in the safety net (Asterisk takes the message)", Status());
        _tracker.Apply(Hangup(Patient, PatientChannel));
        Assert.Empty(_tracker.Snapshot().Calls);
    }

    [Fact]
    public void WithoutAmiACallGoesWhenItsFlowEnds()
    {
        var tracker = new LiveCallTracker(_clock);
        var session = Session();
        tracker.Started(session);
        tracker.Entered(session, CallState.MainMenu);
        Assert.Equal(CallState.MainMenu, Assert.Single(tracker.Snapshot().Calls).State);
        Assert.False(tracker.Snapshot().AmiConnected);

        tracker.Ended(session);

        Assert.Empty(tracker.Snapshot().Calls);
    }

    [Fact]
    public void AfterAReconnectOnlyTheChannelsAsteriskListsRemainSoARestartLeavesNoGhosts()
    {
        Start();
        const string Other = "1795360600.140";
        _tracker.Apply(Newchannel(Other, "PJSIP/trunk-00000070", callerNumber: "5559876543"));
        _tracker.AmiDisconnected();
        Assert.False(_tracker.Snapshot().AmiConnected);

        // Asterisk restarted while the connection was down: only a new call (never seen) is up.
        const string Fresh = "1795361000.3";
        _tracker.Resynchronise(_tracker.Mark(), [CoreShowChannel(Fresh, "PJSIP/trunk-00000003", "Up", "AGI", "00:00:42", callerNumber: "5550001122")]);

        var snapshot = _tracker.Snapshot();
        Assert.True(snapshot.AmiConnected);
        var call = Assert.Single(snapshot.Calls);
        Assert.Equal(Fresh, call.Id);
        Assert.Equal(Now - TimeSpan.FromSeconds(42), call.StartedAt);
        Assert.Equal("···1122", call.Caller);
    }

    [Fact]
    public void WithTwoAsteriskServersOneServersReconnectRebuildsOnlyItsOwnCallsAndTheViewIsStaleWhileItIsLost()
    {
        const string OnA1 = "ivr-a1-1795360542.129";
        const string OnA2 = "ivr-a2-1795360600.140";
        var tracker = new LiveCallTracker(_clock);
        tracker.Resynchronise(tracker.Mark(), [], "ivr-a1", id => id.StartsWith("ivr-a1-", StringComparison.Ordinal));
        tracker.Resynchronise(tracker.Mark(), [], "ivr-a2", id => id.StartsWith("ivr-a2-", StringComparison.Ordinal));
        tracker.Apply(Newchannel(OnA1, "PJSIP/trunk-00000069", callerNumber: "5551234567"));
        tracker.Apply(Newchannel(OnA2, "PJSIP/trunk-00000070", callerNumber: "5559876543"));

        tracker.AmiDisconnected("ivr-a2");
        Assert.False(tracker.Snapshot().AmiConnected);

        // ivr-a2 restarted: its list is empty, and says nothing of ivr-a1's call.
        tracker.Resynchronise(tracker.Mark(), [], "ivr-a2", id => id.StartsWith("ivr-a2-", StringComparison.Ordinal));

        var snapshot = tracker.Snapshot();
        Assert.True(snapshot.AmiConnected);
        Assert.Equal(OnA1, Assert.Single(snapshot.Calls).Id);
    }

    [Fact]
    public void AReconnectKeepsListedCallsWithTheirFlowStateAndTheConferenceAndTrustsEventsNewerThanTheList()
    {
        var session = Start();
        _tracker.Entered(session, CallState.ConnectingPhysician);
        var mark = _tracker.Mark();
        // Came while the list was on its way: a hangup of a listed leg, a channel the list missed.
        _tracker.Apply(Newchannel("1795360700.150", "PJSIP/trunk-00000071"));
        _tracker.Apply(Hangup($"ivr-{Patient}-leg1", "PJSIP/sipp-0000006a"));

        _tracker.Resynchronise(mark,
        [
            CoreShowChannel(Patient, PatientChannel, "Up", "ConfBridge", "00:01:05"),
            CoreShowChannel($"ivr-{Patient}-leg1", "PJSIP/sipp-0000006a", "Up", "ConfBridge", "00:00:20"),
        ]);

        var calls = _tracker.Snapshot().Calls;
        Assert.Equal([Patient, "1795360700.150"], calls.Select(c => c.Id));
        Assert.Equal(CallState.ConnectingPhysician, calls[0].State);
        var patient = Assert.Single(calls[0].Channels);
        Assert.True(patient.InConference);
    }

    [Fact]
    public void ChannelsTheServiceOriginatedForOtherWorkAndUnknownLegsAreNotCalls()
    {
        _tracker.Apply(Newchannel("page-42", "PJSIP/sipp-00000080", exten: "s"));
        _tracker.Apply(Newchannel("ivr-1795360000.1-leg1", "PJSIP/sipp-00000081", exten: "s"));
        _tracker.Apply(Newchannel("1795360000.9", "Local/office@ivr-office-00000001;1", linkedId: "1795360000.8"));

        Assert.Empty(_tracker.Snapshot().Calls);
    }

    [Fact]
    public void TheOfficeLineDialledFromTheCallJoinsItThroughItsLinkedid()
    {
        var session = Start();
        _tracker.Entered(session, CallState.RingingOffice);
        _tracker.Apply(Newchannel("1795360542.130", "PJSIP/office-0000006c", state: "Down", linkedId: Patient, exten: "s"));

        var call = Assert.Single(_tracker.Snapshot().Calls);
        Assert.Equal("ringing the office", call.Status);
        Assert.Equal(["patient", "other"], call.Channels.Select(c => c.Role));
    }

    [Theory]
    [InlineData("5551234567", "···4567")]
    [InlineData("+1 (555) 123-4567", "···4567")]
    [InlineData("2001", "···01")]
    [InlineData("7", "···")]
    [InlineData("<unknown>", null)]
    [InlineData("anonymous", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ACallerNumberKeepsItsLastDigitsOnly(string? number, string? shown) =>
        Assert.Equal(shown, CallerNumber.ForDisplay(number));

    private CallSession Start()
    {
        _tracker.Apply(Newchannel(Patient, PatientChannel, callerNumber: "5551234567"));
        var session = Session();
        _tracker.Started(session);
        return session;
    }

    private static CallSession Session() => new(1, Patient, Riverside, "15550100", "5551234567");

    private string Status() => Assert.Single(_tracker.Snapshot().Calls).Status;
}
