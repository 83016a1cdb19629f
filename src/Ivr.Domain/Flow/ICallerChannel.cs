using Ivr.Domain.Practices;

namespace Ivr.Domain.Flow;

/// <summary>
/// What the flow can do with the caller's line. The server implements it over FastAGI; tests use a
/// scripted caller. Every method throws <see cref="CallerHungUpException"/> once the caller is gone,
/// except <see cref="RecordAsync"/>, which reports a hangup in its result so the recording is kept.
/// </summary>
public interface ICallerChannel
{
    /// <summary>Answers the line.</summary>
    Task AnswerAsync(CancellationToken cancellationToken);

    /// <summary>Rings the practice's office before the service answers; returns once the office answered and hung up, or did not answer.</summary>
    Task<OfficeRingResult> RingOfficeAsync(OfficeLine office, CancellationToken cancellationToken);

    /// <summary>Plays prompts in order without listening for keys.</summary>
    Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken);

    /// <summary>Plays prompts, interruptible by a key in <paramref name="keys"/>, then waits for one key; null when none came.</summary>
    Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Plays a prompt and collects up to <paramref name="maxDigits"/> digits ended by # or a timeout.</summary>
    Task<string> AskDigitsAsync(string promptId, int maxDigits, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Reads digits back one by one.</summary>
    Task SayDigitsAsync(string digits, CancellationToken cancellationToken);

    /// <summary>Records after a beep until #, silence, the limit, or a hangup. <paramref name="name"/> is a file name without folder.</summary>
    Task<RecordingResult> RecordAsync(string name, TimeSpan maxDuration, int silenceSeconds, CancellationToken cancellationToken);

    /// <summary>
    /// Puts the caller into their room for a while (music while nobody else is there): until
    /// <paramref name="timeout"/> passes (none: no limit), the desk takes them out, or the last marked
    /// participant (operator, clinician) leaves.
    /// </summary>
    Task<RoomExit> WaitInRoomAsync(string room, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>Says a date ("March fifth, nineteen ninety"): a date of birth read back.</summary>
    Task SayDateAsync(DateOnly date, CancellationToken cancellationToken);

    /// <summary>Says a time on the practice's clock ("Tuesday, December eighth, at nine thirty a.m."); a key in <paramref name="keys"/> stops it and is returned.</summary>
    Task<char?> SayTimeAsync(DateTime wallClock, string keys, CancellationToken cancellationToken);

    /// <summary>Says a number ("three", "twelve").</summary>
    Task SayNumberAsync(int number, CancellationToken cancellationToken);

    /// <summary>Puts the caller into a conference room (music while alone) until they leave or are removed.</summary>
    Task JoinConferenceAsync(string room, CancellationToken cancellationToken);
}
