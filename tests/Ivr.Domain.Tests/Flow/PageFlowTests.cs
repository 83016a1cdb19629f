using System.Collections.Concurrent;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: the voice page with a scripted clinician and in-memory stores, no sockets.</summary>
public sealed class PageFlowTests
{
    private static readonly PatientMessage Message = new()
    {
        Id = 7,
        CallId = 1,
        PracticeId = "riverside",
        Urgency = Urgency.Urgent,
        Status = MessageStatus.Dispatched,
        CallbackNumber = "5559876543",
        NameRecording = "/spool/c-name-1.wav",
        MessageRecording = "/spool/c-message-2.wav",
        ReceivedAt = new DateTimeOffset(2026, 11, 22, 7, 10, 0, TimeSpan.Zero),
    };

    private readonly ConcurrentQueue<string> _log = new();

    [Fact]
    public async Task ClinicianHearsTheMessageAndAcknowledgesWithOne()
    {
        var (stores, session) = await RunAsync(Clinician('1', '1'));

        Assert.Equal(
            [
                "answer", "play page-intro", "play practice-name-riverside", "play page-press-1", "press 1",
                "message Delivered by dr-lee: heard on a voice page",
                "play page-caller-name", "recording /spool/c-name-1.wav", "play page-callback", "say 5559876543", "play page-message", "recording /spool/c-message-2.wav",
                "play page-menu", "press 1", "message Acknowledged by dr-lee: pressed 1 on the voice page", "play page-acknowledged", "hang up",
            ],
            _log);
        Assert.Equal(("acknowledged", "pressed 1 on the voice page"), stores.Finished);
        Assert.True(session.Acknowledged);
        Assert.Equal("message.play", Assert.Single(stores.Audit).Action);
        Assert.Equal(PageState.Ended, session.State);
    }

    [Fact]
    public async Task AMessageAcknowledgedBeforeThePageWasAnsweredIsOnlyAnnounced()
    {
        var (stores, _) = await RunAsync(Clinician(), Message with { Status = MessageStatus.Acknowledged });

        Assert.Equal(["answer", "play page-already-acknowledged", "hang up"], _log);
        Assert.Equal("already-acknowledged", stores.Finished.Outcome);
    }

    [Fact]
    public async Task NobodyPressingOneIsNoResponseAfterTheOfferIsRepeatedAsTheOptionsSay()
    {
        var (stores, session) = await RunAsync(Clinician(null, '2', null), options: new CallFlowOptions { PageOfferAttempts = 3 });

        Assert.Equal(3, _log.Count(l => l == "play page-intro"));
        Assert.Equal("hang up", _log.Last());
        Assert.Equal(("no-response", "answered, nothing pressed (voicemail or no response)"), stores.Finished);
        Assert.False(session.Heard);
        Assert.Equal(MessageStatus.Dispatched, stores.Status);
    }

    [Fact]
    public async Task ThreeRepeatsTheMessageUntilItHasBeenPlayedThreeTimes()
    {
        var (stores, session) = await RunAsync(Clinician('1', '3', '3', '3'));

        Assert.Equal(3, _log.Count(l => l == "play page-message"));
        Assert.Equal(3, stores.Audit.Count);
        Assert.Equal(3, session.Plays);
        Assert.Equal(("heard", "heard the message, did not acknowledge"), stores.Finished);
        Assert.Equal(MessageStatus.Delivered, stores.Status);
    }

    [Fact]
    public async Task TwoAcknowledgesAndCallsThePatientIntoARoomWithTheClinicianLeavingTheMessageAcknowledgedNotResolved()
    {
        var (stores, _) = await RunAsync(Clinician('1', '2'));

        var afterMenu = _log.SkipWhile(l => l != "press 2").ToList();
        Assert.Equal(
            [
                "press 2", "message Acknowledged by dr-lee: pressed 2 on the voice page: calling the patient back", "play page-acknowledged",
                "play page-calling-patient", "call patient 5559876543", "conference callback-7-41", "hang up",
            ],
            afterMenu);
        Assert.Equal("acknowledged", stores.Finished.Outcome);
        // Resolved is for the clinician to say after talking to the patient; the answered call back is recorded.
        Assert.Equal(MessageStatus.Acknowledged, stores.Status);
        Assert.Contains(stores.Audit, a => a.Action == "message.callback-answered" && a.Actor == "dr-lee" && a.SubjectId == "7");
    }

    [Fact]
    public async Task APatientWhoDoesNotAnswerLeavesTheMessageAcknowledged()
    {
        var (stores, _) = await RunAsync(new ScriptedClinician(_log, '1', '2') { Recordings = Recorded, PatientAnswers = false });

        Assert.Contains("play page-patient-no-answer", _log);
        Assert.DoesNotContain(_log, l => l.StartsWith("conference", StringComparison.Ordinal));
        Assert.Equal(MessageStatus.Acknowledged, stores.Status);
    }

    [Fact]
    public async Task WithoutACallbackNumberNobodyIsCalled()
    {
        await RunAsync(Clinician('1', '2'), Message with { CallbackNumber = null });

        Assert.Equal(2, _log.Count(l => l == "play page-no-callback"));
        Assert.DoesNotContain(_log, l => l.StartsWith("call patient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHangupBeforeOrAfterHearingIsWhatTheAttemptRecords()
    {
        var before = await RunAsync(new ScriptedClinician(_log) { HangUpDuringPrompt = PromptIds.PagePress1, Recordings = Recorded });
        var after = await RunAsync(new ScriptedClinician(new ConcurrentQueue<string>(), '1') { HangUpDuringPrompt = PromptIds.PageMenu, Recordings = Recorded });

        Assert.Equal(("hung-up", "hung up before hearing the message"), before.Stores.Finished);
        Assert.Equal(("heard", "heard the message, hung up without acknowledging"), after.Stores.Finished);
        Assert.Equal(PageState.Ended, after.Session.State);
    }

    [Fact]
    public async Task AnUnexpectedErrorIsRethrownOnceTheAttemptIsFinished()
    {
        var stores = new PageStores(_log, Message);
        var clinician = new ScriptedClinician(_log, '1', '2') { Recordings = Recorded, ConferenceFails = new IOException("bridge down") };
        var flow = new PageFlow(clinician, new PageSession(Attempt, Message, Practice), new PageDependencies(stores, stores, stores, new FakeTimeProvider(), new CallFlowOptions()));

        await Assert.ThrowsAsync<IOException>(() => flow.RunAsync(CancellationToken.None));
        Assert.Equal("acknowledged", stores.Finished.Outcome);
    }

    [Fact]
    public async Task ARecordedMessageIsPlayedAsBeforeAndNothingIsSpoken()
    {
        var clinician = Clinician('1', '1');
        await RunAsync(clinician);

        Assert.DoesNotContain(_log, l => l.StartsWith("speak", StringComparison.Ordinal) || l == "speech failed");
        Assert.Contains("message Delivered by dr-lee: heard on a voice page", _log);
        Assert.Equal(0, clinician.SpeechKept);
    }

    [Fact]
    public async Task ATriageMessageIsSpokenItsReasonLineFirstThenThePatientTheCallbackNumberAndTheNotes()
    {
        var clinician = Clinician('1', '1');
        var (stores, _) = await RunAsync(clinician, Triage);

        var heard = _log.SkipWhile(l => l != "press 1").Skip(1).TakeWhile(l => l != "play page-menu").ToList();
        Assert.Equal(
            [
                "message Delivered by dr-lee: heard on a voice page: typed message read: disposition line first, then patient, callback number, notes",
                "speak triage: emergency department now, fever in a child, nurse garcia. The patient is Max Smith, born October 1, 2026. The caller is Ann Smith.",
                "play page-callback", "say 5552013344",
                "speak Notes: Disposition: go to the emergency department now",
            ],
            heard);
        Assert.Equal("voice page: typed message read: disposition line first, then patient, callback number, notes", Assert.Single(stores.Audit).Detail);
        Assert.Equal(("acknowledged", "pressed 1 on the voice page"), stores.Finished);
        Assert.Equal(0, clinician.SpeechKept);
    }

    [Fact]
    public async Task ADeskMessageIsSpokenCallerPatientAndReasonFirst()
    {
        var typed = Triage.Typed! with { IsTriage = false, Reason = "Fever of 103 since noon", Notes = string.Empty, TakenBy = "sam" };
        var (stores, _) = await RunAsync(Clinician('1', '1'), Triage with { Typed = typed });

        Assert.Contains("speak A typed message from Ann Smith, about Max Smith, born October 1, 2026. The reason: Fever of 103 since noon.", _log);
        Assert.Equal("voice page: typed message read: caller, patient and reason, callback number", Assert.Single(stores.Audit).Detail);
        Assert.DoesNotContain(_log, l => l.StartsWith("speak Notes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SpeechThatCannotBeMadeStillGivesTheCallbackNumberAndTheMenuAndSaysSoWithoutPatientData()
    {
        var clinician = new ScriptedClinician(_log, '1', '1') { SpeechFailsFor = "triage:" };
        var (stores, session) = await RunAsync(clinician, Triage);

        var heard = _log.SkipWhile(l => l != "press 1").Skip(1).ToList();
        Assert.Equal(
            [
                "speech failed",
                "message Delivered by dr-lee: heard on a voice page: typed message not read aloud (speech failed): callback number, the rest in the portal",
                "play page-typed-unreadable", "play page-callback", "say 5552013344",
                "play page-menu", "press 1", "message Acknowledged by dr-lee: pressed 1 on the voice page", "play page-acknowledged", "hang up",
            ],
            heard);
        Assert.True(session.Acknowledged);
        var recorded = stores.Audit.Select(a => a.Detail).Concat(_log.Where(l => l.StartsWith("message", StringComparison.Ordinal))).ToList();
        Assert.All(recorded, text => Assert.All(new[] { "Max", "Ann", "Smith", "fever", "garcia", "2026" }, word => Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task NotesThatCannotBeSpokenAreLeftToThePortalAfterTheReasonAndCallbackNumber()
    {
        var clinician = new ScriptedClinician(_log, '1', '1') { SpeechFailsFor = "Notes:" };
        var (stores, _) = await RunAsync(clinician, Triage);

        var heard = _log.SkipWhile(l => l != "press 1").Skip(1).TakeWhile(l => l != "play page-menu").ToList();
        Assert.Equal("speech failed", heard[0]);
        Assert.StartsWith("speak triage: emergency department now", heard[2], StringComparison.Ordinal);
        Assert.Equal(["play page-callback", "say 5552013344", "play page-typed-unreadable"], heard[3..]);
        Assert.Equal("voice page: typed message read: disposition line first, then patient, callback number, notes not read aloud (speech failed), in the portal", Assert.Single(stores.Audit).Detail);
        Assert.Equal(0, clinician.SpeechKept);
    }

    [Fact]
    public async Task SpokenWordsAreDeletedAfterEachPlayAndAfterAHangupMidway()
    {
        var repeated = new ScriptedClinician(_log, '1', '3', '1');
        var (stores, _) = await RunAsync(repeated, Triage);
        var hungUp = new ScriptedClinician(new ConcurrentQueue<string>(), '1') { HangUpDuringPrompt = PromptIds.PageCallback };
        var cut = await RunAsync(hungUp, Triage);

        Assert.Equal(2, _log.Count(l => l.StartsWith("speak triage:", StringComparison.Ordinal)));
        Assert.Equal(2, stores.Audit.Count);
        Assert.Equal(0, repeated.SpeechKept);
        Assert.Equal(0, hungUp.SpeechKept);
        Assert.Equal(("heard", "heard the message, hung up without acknowledging"), cut.Stores.Finished);
    }

        /// <summary>A finished triage's message, as <see cref="Ivr.Domain.Triage.TriageFinish"/> makes it: typed, no recordings.</summary>
    private static PatientMessage Triage => Message with
    {
        NameRecording = null,
        MessageRecording = null,
        CallbackNumber = "5552013344",
        Typed = new TypedMessage("Ann Smith", "Max Smith", new DateOnly(2026, 10, 1), "triage: emergency department now, fever in a child, nurse garcia", "Disposition: go to the emergency department now", "garcia", IsTriage: true),
    };

    private static IReadOnlySet<string> Recorded => new HashSet<string> { Message.NameRecording!, Message.MessageRecording! };

    private static DispatchAttempt Attempt => new(41, Message.Id, 0, DispatchChannels.Voice, "dr-lee", Message.ReceivedAt, null, string.Empty, string.Empty);

    private static Practice Practice => new() { Id = "riverside", Name = "Riverside", Numbers = ["15550100"], TimeZone = "America/New_York", NamePromptId = "practice-name-riverside" };

    private ScriptedClinician Clinician(params char?[] keys) => new(_log, keys) { Recordings = Recorded };

    private async Task<(PageStores Stores, PageSession Session)> RunAsync(ScriptedClinician clinician, PatientMessage? message = null, CallFlowOptions? options = null)
    {
        var stores = new PageStores(clinician.Log, message ?? Message);
        var session = new PageSession(Attempt, message ?? Message, Practice);
        await new PageFlow(clinician, session, new PageDependencies(stores, stores, stores, new FakeTimeProvider(), options ?? new CallFlowOptions())).RunAsync(CancellationToken.None);
        return (stores, session);
    }
}
