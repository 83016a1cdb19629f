using System.Collections.Concurrent;
using Ivr.Domain.Flow;

namespace Ivr.Domain.Tests.Support;

/// <summary>
/// A staff member on the prompt-recording line: answers each question from a script (digits keyed, a key pressed,
/// a recording made or hung up on) and writes what the line did to a log. A script that runs out hangs up.
/// </summary>
public sealed class ScriptedPromptLine(ConcurrentQueue<string> log, params object?[] script) : IPromptLineChannel
{
    /// <summary>A recording that ends with the caller hanging up.</summary>
    public const string HangUpWhileRecording = "hang up while recording";

    /// <summary>The caller hangs up at this question.</summary>
    public const string HangUp = "hang up";

    private readonly Queue<object?> _script = new(script);
    private int _takes;

    public Task AnswerAsync(CancellationToken cancellationToken)
    {
        log.Enqueue("answer");
        return Task.CompletedTask;
    }

    public Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken)
    {
        foreach (var id in promptIds)
        {
            log.Enqueue("play " + id);
        }

        return Task.CompletedTask;
    }

    public Task PlaySoundAsync(string sound, CancellationToken cancellationToken)
    {
        log.Enqueue("sound " + sound);
        return Task.CompletedTask;
    }

    public Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken)
    {
        PlayAsync(promptIds, cancellationToken);
        var answer = Next();
        char? key = answer is char c && keys.Contains(c, StringComparison.Ordinal) ? c : null;
        log.Enqueue(key is { } k ? "press " + k : "no key");
        return Task.FromResult(key);
    }

    public Task<string> AskDigitsAsync(string promptId, int maxDigits, TimeSpan timeout, CancellationToken cancellationToken)
    {
        log.Enqueue("ask " + promptId);
        var digits = Next() as string ?? string.Empty;
        log.Enqueue(digits.Length == 0 ? "no digits" : "keyed");
        return Task.FromResult(digits[..Math.Min(digits.Length, maxDigits)]);
    }

    public Task<RecordingResult> RecordAsync(TimeSpan maxDuration, int silenceSeconds, CancellationToken cancellationToken)
    {
        var answer = Next();
        var path = $"/spool/prompt-line-1-{++_takes}.wav";
        log.Enqueue("record " + path);
        return Task.FromResult(new RecordingResult(path, TimeSpan.FromSeconds(3), answer is HangUpWhileRecording));
    }

    public Task HangUpAsync(CancellationToken cancellationToken)
    {
        log.Enqueue("hang up");
        return Task.CompletedTask;
    }

    private object? Next()
    {
        var next = _script.Count > 0 ? _script.Dequeue() : HangUp;
        if (next is HangUp)
        {
            log.Enqueue("caller hangs up");
            throw new CallerHungUpException();
        }

        return next;
    }
}
