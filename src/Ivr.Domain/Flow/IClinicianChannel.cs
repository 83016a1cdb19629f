namespace Ivr.Domain.Flow;

/// <summary>
/// What the clinician's scripts (the whisper and the voice page) can do with the clinician's line.
/// The server implements it over FastAGI; tests use a scripted clinician. Every method throws
/// <see cref="CallerHungUpException"/> once the clinician has hung up.
/// </summary>
public interface IClinicianChannel
{
    /// <summary>Answers the line.</summary>
    Task AnswerAsync(CancellationToken cancellationToken);

    /// <summary>Plays prompts in order without listening for keys.</summary>
    Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken);

    /// <summary>
    /// Plays prompts, each interruptible by a key in <paramref name="keys"/>, then waits for a key; null when none came.
    /// The wait takes any key, so the script decides what a key outside <paramref name="keys"/> means.
    /// </summary>
    Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Reads digits back one by one.</summary>
    Task SayDigitsAsync(string digits, CancellationToken cancellationToken);

    /// <summary>Joins the conference room as the clinician, until the clinician leaves it.</summary>
    Task JoinConferenceAsync(string room, CancellationToken cancellationToken);

    /// <summary>Hangs up the line.</summary>
    Task HangUpAsync(CancellationToken cancellationToken);
}
