using Ivr.Domain.Flow;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Simulation;

/// <summary>
/// A caller who presses the given keys in order, one entry per question (a menu key, or digits
/// ending in # for a number), and hangs up when the keys run out. Everything heard and done is
/// written to <see cref="Transcript"/>; time passes on the simulated clock as it would on a call.
/// </summary>
public sealed class SimulatedCaller(SimulatedClock clock, IEnumerable<string> keys, bool officeAnswers) : ICallerChannel
{
    /// <summary>Roughly how long one prompt plays.</summary>
    public static readonly TimeSpan PromptLength = TimeSpan.FromSeconds(3);

    /// <summary>How long each simulated recording lasts.</summary>
    public static readonly TimeSpan RecordingLength = TimeSpan.FromSeconds(10);

    private readonly Queue<string> _keys = new(keys);
    private readonly TaskCompletionSource _conferenceEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<(DateTimeOffset At, string What)> Transcript { get; } = [];

    public Task AnswerAsync(CancellationToken cancellationToken)
    {
        Note("the service answers");
        return Task.CompletedTask;
    }

    public Task<OfficeRingResult> RingOfficeAsync(OfficeLine office, CancellationToken cancellationToken)
    {
        Note($"the office rings ({office.DialString}, up to {office.RingTimeout.TotalSeconds:0} s)");
        if (officeAnswers)
        {
            Note("the office answers");
            return Task.FromResult(OfficeRingResult.Answered);
        }

        clock.Advance(office.RingTimeout);
        Note("the office does not answer");
        return Task.FromResult(OfficeRingResult.NoAnswer);
    }

    public Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken)
    {
        Hear(promptIds);
        return Task.CompletedTask;
    }

    public Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Hear(promptIds);
        var entry = Next();
        if (entry.Length == 0)
        {
            clock.Advance(timeout);
            Note("presses nothing");
            return Task.FromResult<char?>(null);
        }

        Note($"presses {entry[0]}");
        return Task.FromResult<char?>(entry[0]);
    }

    public Task<string> AskDigitsAsync(string promptId, int maxDigits, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Hear([promptId]);
        var digits = Next().TrimEnd('#');
        Note(digits.Length == 0 ? "enters nothing" : $"enters {digits.Length} digits");
        return Task.FromResult(digits);
    }

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken)
    {
        clock.Advance(TimeSpan.FromSeconds(digits.Length * 0.7));
        Note("hears the number read back digit by digit");
        return Task.CompletedTask;
    }

    public Task SayDateAsync(DateOnly date, CancellationToken cancellationToken)
    {
        clock.Advance(TimeSpan.FromSeconds(2.5));
        Note("hears a date read back");
        return Task.CompletedTask;
    }

    public Task<char?> SayTimeAsync(DateTime wallClock, string keys, CancellationToken cancellationToken)
    {
        clock.Advance(TimeSpan.FromSeconds(3));
        Note("hears a time");
        return Task.FromResult<char?>(null);
    }

    public Task SayNumberAsync(int number, CancellationToken cancellationToken)
    {
        clock.Advance(TimeSpan.FromSeconds(0.7));
        Note("hears a number");
        return Task.CompletedTask;
    }

    /// <summary>The simulation has no desk (it is never staffed), so a timed wait just lets its time pass.</summary>
    public Task<RoomExit> WaitInRoomAsync(string room, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        Note("waits in the room, hearing music on hold");
        clock.Advance(timeout ?? TimeSpan.Zero);
        return Task.FromResult(RoomExit.TimedOut);
    }

    public Task<RecordingResult> RecordAsync(string name, TimeSpan maxDuration, int silenceSeconds, CancellationToken cancellationToken)
    {
        clock.Advance(RecordingLength);
        Note($"records {RecordingLength.TotalSeconds:0} s ({name})");
        return Task.FromResult(new RecordingResult(name, RecordingLength, false));
    }

    public async Task JoinConferenceAsync(string room, CancellationToken cancellationToken)
    {
        Note("waits in the conference room, hearing music on hold");
        await _conferenceEnded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Note("leaves the conference room");
    }

    /// <summary>Ends the caller's conference, as Asterisk does when the marked user leaves or the room is cleared.</summary>
    public void EndConference() => _conferenceEnded.TrySetResult();

    private string Next()
    {
        if (_keys.Count == 0)
        {
            Note("hangs up (no more keys)");
            throw new CallerHungUpException();
        }

        return _keys.Dequeue().Trim();
    }

    private void Hear(IReadOnlyList<string> promptIds)
    {
        Note($"hears {string.Join(", ", promptIds)}");
        clock.Advance(PromptLength * promptIds.Count);
    }

    private void Note(string what)
    {
        lock (Transcript)
        {
            Transcript.Add((clock.GetUtcNow(), what));
        }
    }
}
