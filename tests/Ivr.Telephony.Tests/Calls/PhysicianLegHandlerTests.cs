using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>Needs nothing: the clinician's AGI session runs the domain's whisper, over an in-memory AGI channel.</summary>
public sealed class PhysicianLegHandlerTests
{
    private static readonly DialRequest Request =
        new("ivr-1700000000.42", new PracticeProfile("riverside", "Riverside", "greeting-riverside", string.Empty, "America/New_York", "practice-name-riverside"), "5551234567", []);

    [Fact]
    public async Task TheWhisperSpeaksTheSameAgiAsBeforeAndOneJoinsTheCallersRoom()
    {
        var legs = new PhysicianLegRegistry();
        var leg = legs.Register(Request, 1);
        await using var agi = new ScriptedAgi("physician?room=ivr-1700000000.42&attempt=1", command => command.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal) ? "200 result=49" : null, "ivr-1700000000.42-leg1");

        await Handler(legs).HandleAsync(agi.Channel, CancellationToken.None);

        Assert.Equal(
            [
                "ANSWER",
                "STREAM FILE ivr/whisper-intro \"\"",
                "STREAM FILE ivr/practice-name-riverside \"\"",
                "STREAM FILE ivr/whisper-caller-number \"\"",
                "SAY DIGITS 5551234567 \"\"",
                "STREAM FILE ivr/whisper-menu 12",
                "WAIT FOR DIGIT 6000",
                "STREAM FILE ivr/connecting \"\"",
                "EXEC ConfBridge ivr-1700000000.42,ivr_bridge,ivr_physician",
            ],
            agi.Commands);
        Assert.Equal(WhisperDecisions.Accepted, await leg.Decision);
    }

    [Fact]
    public async Task AHangupMidWhisperTellsTheDialer()
    {
        var legs = new PhysicianLegRegistry();
        var leg = legs.Register(Request, 2);
        await using var agi = new ScriptedAgi("physician?room=ivr-1700000000.42&attempt=2", command => command.Contains("whisper-intro", StringComparison.Ordinal) ? "200 result=-1 endpos=0\nHANGUP" : null, "ivr-1700000000.42-leg2");

        await Handler(legs).HandleAsync(agi.Channel, CancellationToken.None);

        Assert.Equal(WhisperDecisions.HungUp, await leg.Decision);
        Assert.DoesNotContain(agi.Commands, c => c.Contains("whisper-menu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownLegIsHungUpWithoutAWord()
    {
        await using var agi = new ScriptedAgi("physician?room=ivr-nobody&attempt=1", _ => null);

        await Handler(new PhysicianLegRegistry()).HandleAsync(agi.Channel, CancellationToken.None);

        Assert.Equal(["HANGUP"], agi.Commands);
    }

    [Theory]
    [InlineData("1700000000.99")]
    [InlineData("ivr-1700000000.42-leg2")]
    [InlineData("ivr-1700000000.43-leg1")]
    public async Task AChannelTheDialerDidNotOriginateForTheLegHearsNothingAndCannotAccept(string uniqueId)
    {
        var legs = new PhysicianLegRegistry();
        var leg = legs.Register(Request, 1);
        await using var agi = new ScriptedAgi("physician?room=ivr-1700000000.42&attempt=1", command => command.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal) ? "200 result=49" : null, uniqueId);

        await Handler(legs).HandleAsync(agi.Channel, CancellationToken.None);

        Assert.Equal(["HANGUP"], agi.Commands);
        Assert.False(leg.Decision.IsCompleted);
    }

    private static PhysicianLegHandler Handler(PhysicianLegRegistry legs) =>
        new(legs, Options.Create(new ConferenceOptions()), Options.Create(new CallFlowOptions()), Sounds, NullLogger<PhysicianLegHandler>.Instance);

    /// <summary>No recordings kept: every prompt is the manifest's.</summary>
    private static readonly Ivr.Telephony.Prompts.PromptSounds Sounds = new(new NoRecordings(), new Ivr.Data.PromptRecordingChanges(), TimeProvider.System, NullLogger<Ivr.Telephony.Prompts.PromptSounds>.Instance);

    private sealed class NoRecordings : Ivr.Domain.Prompts.IPromptRecordingStore
    {
        public Task<IReadOnlyList<Ivr.Domain.Prompts.PromptRecording>> AllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Ivr.Domain.Prompts.PromptRecording>>([]);

        public Task<IReadOnlyList<Ivr.Domain.Prompts.PromptRecording>> ListAsync(string owner, CancellationToken cancellationToken) => AllAsync(cancellationToken);

        public Task KeepAsync(Ivr.Domain.Prompts.PromptRecording recording, CancellationToken cancellationToken) => throw new InvalidOperationException("whispers keep nothing");

        public Task<bool> RevertAsync(string owner, string promptId, string by, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
