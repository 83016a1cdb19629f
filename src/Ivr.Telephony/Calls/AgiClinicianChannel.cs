using Ivr.Asterisk.Agi;
using Ivr.Domain.Flow;

namespace Ivr.Telephony.Calls;

/// <summary>The clinician's line as the whisper and the voice page see it, over one FastAGI session.</summary>
public sealed class AgiClinicianChannel(AgiChannel channel, ConferenceOptions conference) : IClinicianChannel
{
    public Task AnswerAsync(CancellationToken cancellationToken) => AgiPrompts.Guard(() => channel.AnswerAsync(cancellationToken));

    public Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken) => AgiPrompts.PlayAsync(channel, promptIds, cancellationToken);

    public Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken) =>
        AgiPrompts.AskKeyAsync(channel, promptIds, keys, timeout, cancellationToken);

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken) =>
        AgiPrompts.Guard(() => channel.SayDigitsAsync(digits, string.Empty, cancellationToken));

    public Task JoinConferenceAsync(string room, CancellationToken cancellationToken) =>
        AgiPrompts.Guard(() => channel.ExecAsync("ConfBridge", $"{room},{conference.BridgeProfile},{conference.PhysicianProfile}", cancellationToken));

    public Task HangUpAsync(CancellationToken cancellationToken) => AgiPrompts.Guard(() => channel.HangupAsync(cancellationToken));

    /// <summary>Plays a sound that is not a prompt (a recording), uninterruptible.</summary>
    public Task PlaySoundAsync(string asteriskName, CancellationToken cancellationToken) =>
        AgiPrompts.Guard(() => channel.StreamFileAsync(asteriskName, string.Empty, cancellationToken));
}
