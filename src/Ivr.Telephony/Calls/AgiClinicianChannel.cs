using Ivr.Asterisk.Agi;
using Ivr.Domain.Flow;
using Ivr.Telephony.Prompts;

namespace Ivr.Telephony.Calls;

/// <summary>The clinician's line as the whisper and the voice page see it, over one FastAGI session; its prompts as <paramref name="prompts"/> finds them (the manifest's when not given).</summary>
public sealed class AgiClinicianChannel(AgiChannel channel, ConferenceOptions conference, PromptScope? prompts = null) : IClinicianChannel
{
    private readonly PromptScope _prompts = prompts ?? PromptScope.Default;

    public Task AnswerAsync(CancellationToken cancellationToken) => AgiPrompts.Guard(() => channel.AnswerAsync(cancellationToken));

    public Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken) => AgiPrompts.PlayAsync(channel, _prompts, promptIds, cancellationToken);

    public Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken) =>
        AgiPrompts.AskKeyAsync(channel, _prompts, promptIds, keys, timeout, cancellationToken);

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken) =>
        AgiPrompts.Guard(() => channel.SayDigitsAsync(digits, string.Empty, cancellationToken));

    public Task JoinConferenceAsync(string room, CancellationToken cancellationToken) =>
        AgiPrompts.Guard(() => channel.ExecAsync("ConfBridge", $"{room},{conference.BridgeProfile},{conference.PhysicianProfile}", cancellationToken));

    public Task HangUpAsync(CancellationToken cancellationToken) => AgiPrompts.Guard(() => channel.HangupAsync(cancellationToken));

    /// <summary>Plays a sound that is not a prompt (a recording), uninterruptible.</summary>
    public Task PlaySoundAsync(string asteriskName, CancellationToken cancellationToken) =>
        AgiPrompts.Guard(() => channel.StreamFileAsync(asteriskName, string.Empty, cancellationToken));
}
