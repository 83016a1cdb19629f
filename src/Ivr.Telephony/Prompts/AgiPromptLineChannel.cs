using System.Globalization;
using Ivr.Asterisk.Agi;
using Ivr.Domain.Flow;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Prompts;

/// <summary>
/// The prompt-recording line over one FastAGI session. Recordings go to the recordings folder as
/// <c>prompt-line-{uniqueid}-{take}</c> (a name the sealer of patients' recordings never takes for one of theirs) and
/// are deleted when the call ends: what is kept is the draft made from them, among the prompts.
/// </summary>
public sealed class AgiPromptLineChannel(AgiChannel channel, RecordingOptions recordings) : IPromptLineChannel, IDisposable
{
    private const int SamplesPerSecond = 8000;
    private readonly List<string> _made = [];

    public Task AnswerAsync(CancellationToken cancellationToken) => AgiPrompts.Guard(() => channel.AnswerAsync(cancellationToken));

    public Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken) => AgiPrompts.PlayAsync(channel, PromptScope.Default, promptIds, cancellationToken);

    public Task PlaySoundAsync(string sound, CancellationToken cancellationToken) =>
        AgiPrompts.Guard(() => channel.StreamFileAsync(sound, string.Empty, cancellationToken));

    public Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken) =>
        AgiPrompts.AskKeyAsync(channel, PromptScope.Default, promptIds, keys, timeout, cancellationToken);

    public async Task<string> AskDigitsAsync(string promptId, int maxDigits, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var digits = string.Empty;
        await AgiPrompts.Guard(async () => digits = (await channel.GetDataAsync(AgiPrompts.Sound(promptId), timeout, maxDigits, cancellationToken)).Digits);
        return digits;
    }

    public async Task<RecordingResult> RecordAsync(TimeSpan maxDuration, int silenceSeconds, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"prompt-line-{channel.Request.UniqueId}-{_made.Count + 1}");
        var hostPath = Path.Combine(recordings.HostDirectory, $"{name}.{recordings.Format}");
        _made.Add(hostPath);
        AgiRecordResult? result = null;
        await AgiPrompts.Guard(async () => result = await channel.RecordFileAsync($"{recordings.AsteriskDirectory.TrimEnd('/')}/{name}", recordings.Format, "#", maxDuration, beep: true, silenceSeconds, cancellationToken));
        var seconds = (result!.EndPosition ?? 0) / (double)SamplesPerSecond;
        return new RecordingResult(hostPath, TimeSpan.FromSeconds(seconds), result.EndedBy == AgiRecordEnd.Hangup);
    }

    public Task HangUpAsync(CancellationToken cancellationToken) => AgiPrompts.Guard(() => channel.HangupAsync(cancellationToken));

    /// <summary>Deletes the raw recordings this call made.</summary>
    public void Dispose()
    {
        foreach (var file in _made)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Staff's voice, not patient data: a file left behind is only clutter.
            }
        }
    }
}
