using System.Collections.Concurrent;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Tests.Support;

/// <summary>
/// A caller who follows a script: each time the flow waits for input, the next step is taken.
/// When the script runs out the caller hangs up, so no test can loop for ever.
/// Everything the flow does is written to <see cref="Log"/>, shared with the fake stores, so tests can check order.
/// </summary>
public sealed class ScriptedCaller(ConcurrentQueue<string> log, params CallerStep[] steps) : ICallerChannel
{
    private readonly Queue<CallerStep> _steps = new(steps);
    private readonly TaskCompletionSource _conferenceEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _hungUp;
    private int _rooms;

    /// <summary>Hangs up the moment this prompt starts playing.</summary>
    public string? HangUpDuringPrompt { get; init; }

    public ConcurrentQueue<string> Log => log;

    public IEnumerable<string> Prompts => log.Where(l => l.StartsWith("play ", StringComparison.Ordinal)).Select(l => l[5..]);

    public void EndConference() => _conferenceEnded.TrySetResult();

    /// <summary>What the office does when it is rung first.</summary>
    public OfficeRingResult Office { get; init; } = OfficeRingResult.NoAnswer;

    public Task<OfficeRingResult> RingOfficeAsync(OfficeLine office, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        log.Enqueue($"ring office {office.DialString}: {Office}");
        return Task.FromResult(Office);
    }

    public Task AnswerAsync(CancellationToken cancellationToken)
    {
        ThrowIfGone();
        log.Enqueue("answer");
        return Task.CompletedTask;
    }

    public Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken)
    {
        foreach (var prompt in promptIds)
        {
            Play(prompt);
        }

        return Task.CompletedTask;
    }

    public Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var prompt in promptIds)
        {
            Play(prompt);
        }

        BeforeKey?.Invoke();
        return Task.FromResult(Next() switch
        {
            CallerStep.Press press => (char?)press.Pressed,
            CallerStep.Silence => null,
            var other => throw new InvalidOperationException($"The flow asked for a key; the script says {other}."),
        });
    }

    public Task<string> AskDigitsAsync(string promptId, int maxDigits, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Play(promptId);
        return Task.FromResult(Next() switch
        {
            CallerStep.Digits digits => digits.Value,
            CallerStep.Silence => string.Empty,
            var other => throw new InvalidOperationException($"The flow asked for digits; the script says {other}."),
        });
    }

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        log.Enqueue($"say {digits}");
        return Task.CompletedTask;
    }

    public Task<RecordingResult> RecordAsync(string name, TimeSpan maxDuration, int silenceSeconds, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        log.Enqueue($"record {name}");
        var path = $"/spool/{name}.wav";
        if (_steps.Count == 0)
        {
            _hungUp = true;
            return Task.FromResult(new RecordingResult(path, TimeSpan.Zero, CallerHungUp: true));
        }

        return Task.FromResult(_steps.Dequeue() switch
        {
            CallerStep.Speak speak => new RecordingResult(path, TimeSpan.FromSeconds(speak.Seconds), false),
            CallerStep.SpeakThenHangUp speak => Gone(new RecordingResult(path, TimeSpan.FromSeconds(speak.Seconds), CallerHungUp: true)),
            var other => throw new InvalidOperationException($"The flow recorded; the script says {other}."),
        });
    }

    public Task SayDateAsync(DateOnly date, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        log.Enqueue($"date {date:yyyy-MM-dd}");
        return Task.CompletedTask;
    }

    public Task<char?> SayTimeAsync(DateTime wallClock, string keys, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        log.Enqueue($"time {wallClock:yyyy-MM-dd HH:mm}");
        return Task.FromResult<char?>(null);
    }

    public Task SayNumberAsync(int number, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        log.Enqueue($"number {number}");
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits in the room: a <see cref="CallerStep.HangUp"/> next in the script hangs up here; otherwise the
    /// <see cref="Room"/> hook (the test's desk) decides how the wait ends, and a timed wait's time passes on the test's clock.
    /// </summary>
    public async Task<RoomExit> WaitInRoomAsync(string room, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        log.Enqueue(timeout is { } limit ? $"room {room} for {limit.TotalSeconds:0} s" : $"room {room}");
        if (++_rooms == HangUpInRoom || (_steps.TryPeek(out var step) && step is CallerStep.HangUp))
        {
            if (_rooms != HangUpInRoom)
            {
                _steps.Dequeue();
            }

            _hungUp = true;
            log.Enqueue("caller left the room");
            throw new CallerHungUpException();
        }

        return Room is null ? RoomExit.TimedOut : await Room(timeout);
    }

    /// <summary>The caller hangs up during their Nth wait in the room (from 1); null: never there.</summary>
    public int? HangUpInRoom { get; set; }

    /// <summary>Runs each time the flow has played a question's prompts, before the caller answers (the test moves the desk on).</summary>
    public Action? BeforeKey { get; set; }

    /// <summary>What happens while the caller waits in their room (the test's desk answers, time passes); null: the wait times out.</summary>
    public Func<TimeSpan?, Task<RoomExit>>? Room { get; set; }

    public async Task JoinConferenceAsync(string room, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        log.Enqueue($"conference {room}");
        if (_steps.TryPeek(out var step) && step is CallerStep.HangUp)
        {
            _steps.Dequeue();
            await Task.Delay(50, CancellationToken.None);
            _hungUp = true;
            log.Enqueue("caller left conference");
            return;
        }

        await _conferenceEnded.Task;
        log.Enqueue("conference ended");
    }

    private RecordingResult Gone(RecordingResult result)
    {
        _hungUp = true;
        return result;
    }

    private void Play(string prompt)
    {
        ThrowIfGone();
        log.Enqueue($"play {prompt}");
        if (prompt == HangUpDuringPrompt)
        {
            _hungUp = true;
            throw new CallerHungUpException();
        }
    }

    private CallerStep Next()
    {
        ThrowIfGone();
        if (_steps.Count == 0 || _steps.Peek() is CallerStep.HangUp)
        {
            _hungUp = true;
            throw new CallerHungUpException();
        }

        return _steps.Dequeue();
    }

    private void ThrowIfGone()
    {
        if (_hungUp)
        {
            throw new CallerHungUpException();
        }
    }
}
