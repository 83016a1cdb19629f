using System.Collections.Concurrent;
using Ivr.Domain.Accounts;
using Ivr.Domain.Flow;
using Ivr.Domain.Prompts;
using Ivr.Domain.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: the telephone prompt-recording line with a scripted caller and in-memory stores and audio.</summary>
public sealed class PromptLineFlowTests
{
    private const string AdminPin = "735921";
    private const string SupervisorPin = "602718";
    private const string Practice = "riverside-pediatrics";
    private static readonly string[] Manifest = ["greeting-default", "emergency", "main-menu"];

    private readonly ConcurrentQueue<string> _log = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero));
    private readonly PromptLineStores _stores;

    public PromptLineFlowTests()
    {
        _stores = new PromptLineStores(_log, _time);
        _stores.With("amy", PortalRole.PracticeAdmin, Practice, AdminPin);
        _stores.With("sam", PortalRole.Supervisor, null, SupervisorPin);
        _stores.With("dr-lee", PortalRole.Clinician, Practice, "918273");
    }

    [Fact]
    public async Task ThreeWrongPinsSayGoodbyeHearNoPromptAndAreAudited()
    {
        var session = await RunAsync("482913", "918273", string.Empty);

        Assert.Equal(
            [
                "answer",
                "ask prompt-line-pin", "keyed", "play prompt-line-pin-wrong",
                "ask prompt-line-pin", "keyed", "play prompt-line-pin-wrong",
                "ask prompt-line-pin", "no digits", "play prompt-line-pin-wrong",
                "play goodbye", "hang up",
            ],
            _log);
        Assert.Null(session.User);
        Assert.Equal([PromptLineFlow.WrongPinAction, PromptLineFlow.WrongPinAction, PromptLineFlow.WrongPinAction, "prompt-line.refused"], _stores.Audit.Select(a => a.Action));
        Assert.All(_stores.Audit, a => Assert.Equal("telephone", a.Actor));
        Assert.DoesNotContain(_stores.Audit, a => a.Detail.Contains("482913", StringComparison.Ordinal) || a.Detail.Contains("918273", StringComparison.Ordinal));
        Assert.Equal(PromptLineState.Ended, session.State);
    }

    [Fact]
    public async Task TwentyWrongPinsInAnHourFromCallersWhoHangUpEarlyCloseTheLineToEvenTheRightPinUntilTheyAgeOut()
    {
        // Two wrong PINs a call and a hang-up never reach a call's three: the line counts every wrong PIN across calls.
        for (var call = 0; call < PromptLineFlow.LineClosesAfterWrongPins / 2; call++)
        {
            await RunAsync("482913", "918273", ScriptedPromptLine.HangUp);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        _log.Clear();
        var closed = await RunAsync(AdminPin, ScriptedPromptLine.HangUp);

        Assert.Null(closed.User);
        Assert.Equal(["answer", "play prompt-line-closed", "play goodbye", "hang up"], _log);
        var audited = _stores.Audit[^1];
        Assert.Equal(("prompt-line.closed", "telephone"), (audited.Action, audited.Actor));
        Assert.StartsWith($"{PromptLineFlow.LineClosesAfterWrongPins} wrong PINs", audited.Detail, StringComparison.Ordinal);

        // An hour after the first call its two wrong PINs no longer count: the line takes PINs again.
        _time.Advance(PromptLineFlow.PinGuessWindow - TimeSpan.FromMinutes(PromptLineFlow.LineClosesAfterWrongPins / 2) + TimeSpan.FromSeconds(1));
        var open = await RunAsync(AdminPin, ScriptedPromptLine.HangUp);
        Assert.Equal("amy", open.User?.Username);
    }

    [Fact]
    public async Task ARightPinOnTheSecondTryIsAccepted()
    {
        var session = await RunAsync("482913", AdminPin, ScriptedPromptLine.HangUp);

        Assert.Equal("amy", session.User?.Username);
        Assert.Equal(Practice, session.Owner);
        Assert.Equal(PromptLineFlow.WrongPinAction, Assert.Single(_stores.Audit).Action);
    }

    [Fact]
    public async Task AnUnknownPromptNumberIsSaidAndAskedAgainAndSilenceEndsTheCall()
    {
        var session = await RunAsync(SupervisorPin, "9", string.Empty, "0");

        Assert.Equal(
            [
                "answer", "ask prompt-line-pin", "keyed",
                "ask prompt-line-number", "keyed", "play prompt-line-unknown",
                "ask prompt-line-number", "no digits",
                // A supervisor records the shared prompts: the greeting is a practice's own.
                "ask prompt-line-number", "keyed", "play prompt-line-unknown",
                "play goodbye", "hang up",
            ],
            _log);
        Assert.Empty(session.Kept);
    }

    [Fact]
    public async Task APromptIsHeardRecordedListenedToAndKeptAsATelephoneRecordingAndAudited()
    {
        var session = await RunAsync(AdminPin, "2", "recorded", '3', '1', ScriptedPromptLine.HangUp);

        Assert.Equal(
            [
                "answer", "ask prompt-line-pin", "keyed",
                "ask prompt-line-number", "keyed",
                "play prompt-line-current", "play emergency",
                "play prompt-line-record", "record /spool/prompt-line-1-1.wav", $"draft ivr/drafts/prompt-line-1-1 of {Practice}/emergency",
                "play prompt-line-yours", "sound ivr/drafts/prompt-line-1-1", "play prompt-line-review", "press 3",
                "play prompt-line-yours", "sound ivr/drafts/prompt-line-1-1", "play prompt-line-review", "press 1",
                "keep ivr/drafts/prompt-line-1-1 as Telephone by telephone:amy",
                "play prompt-line-kept",
                "ask prompt-line-number", "caller hangs up",
            ],
            _log);
        var kept = Assert.Single(session.Kept);
        Assert.Equal((Practice, "emergency", PromptVoice.Telephone, "telephone:amy"), (kept.Owner, kept.PromptId, kept.Voice, kept.KeptBy));
        var audit = Assert.Single(_stores.Audit);
        Assert.Equal(("amy", "prompt.keep", "prompt", $"{Practice}/emergency"), (audit.Actor, audit.Action, audit.SubjectType, audit.SubjectId));
        Assert.Equal(_time.GetUtcNow(), audit.At);
    }

    [Fact]
    public async Task RecordingAgainKeepsOnlyTheLastTake()
    {
        var session = await RunAsync(AdminPin, "3", "first", '2', "second", '1', string.Empty, string.Empty, string.Empty);

        Assert.Contains("record /spool/prompt-line-1-2.wav", _log);
        Assert.Equal("ivr/prompt-line-1-2", Assert.Single(session.Kept).Sound);
        Assert.Single(_log, l => l.StartsWith("keep ", StringComparison.Ordinal));
        Assert.Equal(["play goodbye", "hang up"], _log.TakeLast(2));
    }

    [Fact]
    public async Task HangingUpBeforeKeepingKeepsNothing()
    {
        var session = await RunAsync(AdminPin, "2", "recorded", ScriptedPromptLine.HangUp);

        Assert.Empty(session.Kept);
        Assert.DoesNotContain(_log, l => l.StartsWith("keep ", StringComparison.Ordinal));
        Assert.Empty(_stores.Audit);
        Assert.Equal(PromptLineState.Ended, session.State);
    }

    [Fact]
    public async Task HangingUpWhileRecordingMakesNoDraft()
    {
        var session = await RunAsync(AdminPin, "2", ScriptedPromptLine.HangUpWhileRecording);

        Assert.Empty(session.Kept);
        Assert.DoesNotContain(_log, l => l.StartsWith("draft ", StringComparison.Ordinal));
        Assert.Equal("record /spool/prompt-line-1-1.wav", _log.Last());
    }

    [Fact]
    public async Task StarGoesToAnotherPromptWithoutKeeping()
    {
        var session = await RunAsync(AdminPin, "2", "recorded", '*', "3", "again", '1', ScriptedPromptLine.HangUp);

        Assert.Equal("main-menu", Assert.Single(session.Kept).PromptId);
    }

    [Fact]
    public async Task AnUnusableRecordingIsSaidAndRecordedAgain()
    {
        _stores.Unusable.Add("/spool/prompt-line-1-1.wav");

        var session = await RunAsync(AdminPin, "2", "silent", "spoken", '1', ScriptedPromptLine.HangUp);

        Assert.Contains("play prompt-line-unusable", _log);
        Assert.Equal("ivr/prompt-line-1-2", Assert.Single(session.Kept).Sound);
    }

    [Fact]
    public async Task APracticeAdminRecordsTheGreetingAsNumberZeroAndHearsTheTypedGreetingFirst()
    {
        var session = await RunAsync(AdminPin, "0", "recorded", '1', ScriptedPromptLine.HangUp);

        Assert.Contains("play greeting-riverside-typed", _log);
        Assert.Equal((Practice, PromptRecording.Greeting), (session.Kept[0].Owner, session.Kept[0].PromptId));
    }

    [Fact]
    public async Task ThePromptsCurrentRecordingIsWhatIsHeardFirst()
    {
        _stores.InUse.Add(new PromptRecording(PromptRecording.Shared, "emergency", PromptVoice.Uploaded, "ivr/recorded/shared-emergency", 3, "sam", _time.GetUtcNow()));

        await RunAsync(AdminPin, "2", ScriptedPromptLine.HangUp);

        Assert.Equal(["play prompt-line-current", "sound ivr/recorded/shared-emergency"], _log.Skip(5).Take(2));
    }

    [Fact]
    public async Task AClinicianOrAnOperatorCannotUseTheLine()
    {
        Assert.Null(PromptLineFlow.OwnerOf(new PortalUser { Username = "dr-lee", PasswordHash = "x", Role = PortalRole.Clinician, PracticeId = Practice, CreatedAt = _time.GetUtcNow() }));
        Assert.Null(PromptLineFlow.OwnerOf(new PortalUser { Username = "op", PasswordHash = "x", Role = PortalRole.Operator, CreatedAt = _time.GetUtcNow() }));

        var session = await RunAsync("918273", ScriptedPromptLine.HangUp);

        Assert.Null(session.User);
        Assert.Equal(["answer", "ask prompt-line-pin", "keyed", "play prompt-line-pin-wrong", "ask prompt-line-pin", "caller hangs up"], _log);
    }

    private Task<PromptLineSession> RunAsync(params object?[] script)
    {
        var practices = new InMemoryPracticeStore(Support.Practices.NewYork() with { GreetingPromptId = "greeting-riverside-typed" });
        var dependencies = new PromptLineDependencies(_stores, _stores, _stores, practices, _stores, _stores, _stores, Manifest, _time, new CallFlowOptions());
        return new PromptLineFlow(new ScriptedPromptLine(_log, script), new PromptLineSession("1"), dependencies).RunAsync(CancellationToken.None);
    }
}
