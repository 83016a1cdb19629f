namespace Ivr.Domain.Flow;

/// <summary>
/// What the prompt-recording line can do with the staff member's call. The server implements it over FastAGI (and
/// deletes the raw recordings it made when the call ends); tests use a scripted line. Every method throws
/// <see cref="CallerHungUpException"/> once the caller is gone, except <see cref="RecordAsync"/>, which reports it.
/// </summary>
public interface IPromptLineChannel
{
    /// <summary>Answers the line.</summary>
    Task AnswerAsync(CancellationToken cancellationToken);

    /// <summary>Plays prompts in order without listening for keys.</summary>
    Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken);

    /// <summary>Plays a sound that is not a prompt of the manifest (a recording, as <c>ivr/…</c>), uninterruptible.</summary>
    Task PlaySoundAsync(string sound, CancellationToken cancellationToken);

    /// <summary>Plays prompts, interruptible by a key in <paramref name="keys"/>, then waits for one key; null when none came.</summary>
    Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Plays a prompt and collects up to <paramref name="maxDigits"/> digits ended by # or a timeout.</summary>
    Task<string> AskDigitsAsync(string promptId, int maxDigits, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Records after a tone until #, silence, the limit, or a hangup; the result says which.</summary>
    Task<RecordingResult> RecordAsync(TimeSpan maxDuration, int silenceSeconds, CancellationToken cancellationToken);

    /// <summary>Hangs up.</summary>
    Task HangUpAsync(CancellationToken cancellationToken);
}
