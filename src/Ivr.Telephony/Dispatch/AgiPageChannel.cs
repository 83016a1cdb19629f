using System.Globalization;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Trunk;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// The clinician's line during a voice page, over FastAGI: sealed recordings are decrypted only while
/// they play, a typed message's words are spoken into the same sealed folder and deleted once played, and
/// the patient is called back over AMI into a ConfBridge room.
/// </summary>
public sealed class AgiPageChannel(
    AgiClinicianChannel line,
    SealedPlayback playback,
    PageSpeech speaker,
    AmiConnectionService ami,
    TrunkDialing dialing,
    ConferenceOptions conference,
    ILogger logger) : IPageChannel
{
    private static readonly TimeSpan PatientRing = TimeSpan.FromSeconds(30);

    public Task AnswerAsync(CancellationToken cancellationToken) => line.AnswerAsync(cancellationToken);

    public Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken) => line.PlayAsync(promptIds, cancellationToken);

    public Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken) =>
        line.AskKeyAsync(promptIds, keys, timeout, cancellationToken);

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken) => line.SayDigitsAsync(digits, cancellationToken);

    public Task JoinConferenceAsync(string room, CancellationToken cancellationToken) => line.JoinConferenceAsync(room, cancellationToken);

    public Task HangUpAsync(CancellationToken cancellationToken) => line.HangUpAsync(cancellationToken);

    public async Task PlayRecordingAsync(string introPromptId, string? recording, CancellationToken cancellationToken)
    {
        using var lease = await playback.OpenAsync(recording, cancellationToken);
        if (lease is not null)
        {
            await line.PlayAsync([introPromptId], cancellationToken);
            await line.PlaySoundAsync(lease.AsteriskName, cancellationToken);
        }
    }

    public async Task<IPageSpeech?> RenderSpeechAsync(string text, CancellationToken cancellationToken) =>
        await speaker.RenderAsync(text, cancellationToken) is { } lease ? new SpokenWords(lease) : null;

    public Task SpeakAsync(IPageSpeech speech, CancellationToken cancellationToken) =>
        line.PlaySoundAsync(((SpokenWords)speech).AsteriskName, cancellationToken);

    public async Task<string?> CallPatientAsync(PatientMessage message, Practice? practice, long attemptId, string number, CancellationToken cancellationToken)
    {
        var room = $"callback-{message.Id}-{attemptId}";
        var client = await ami.ClientAsync(cancellationToken);
        var originate = new AmiAction("Originate")
            .Add("Channel", dialing.PhoneDialString(number))
            .Add("Application", "ConfBridge")
            .Add("Data", $"{room},{conference.BridgeProfile},{conference.CallerProfile}")
            .Add("Timeout", ((int)PatientRing.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
            .Add("CallerID", dialing.PracticeCallerId(practice))
            .Add("ChannelId", room + "-patient");
        try
        {
            var result = await client.OriginateAsync(originate, PatientRing + TimeSpan.FromSeconds(15), cancellationToken);
            return result.Answered ? room : null;
        }
        catch (AmiException exception)
        {
            logger.LogWarning("Calling the patient back for message {MessageId} failed: {Reason}", message.Id, exception.Message);
            return null;
        }
    }
}
