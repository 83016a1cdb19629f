using System.Collections.Concurrent;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Tests.Support;

/// <summary>
/// A clinician who follows a script: each time a whisper or page waits for a key, the next key is
/// taken (null: nothing pressed). When the script runs out the clinician hangs up, so no test loops for ever.
/// </summary>
public sealed class ScriptedClinician(ConcurrentQueue<string> log, params char?[] keys) : IPageChannel
{
    private readonly Queue<char?> _keys = new(keys);
    private bool _hungUp;

    /// <summary>Hangs up the moment this prompt starts playing.</summary>
    public string? HangUpDuringPrompt { get; init; }

    /// <summary>Whether the patient answers the call back.</summary>
    public bool PatientAnswers { get; init; } = true;

    /// <summary>Recordings that exist (as sealed files would).</summary>
    public IReadOnlySet<string> Recordings { get; init; } = new HashSet<string>();

    /// <summary>Speech cannot be made of texts that contain this (null: every text can be spoken).</summary>
    public string? SpeechFailsFor { get; init; }

    /// <summary>Speech made and not yet deleted.</summary>
    public int SpeechKept { get; private set; }

    /// <summary>Thrown by the next conference, to stand for something unexpected.</summary>
    public Exception? ConferenceFails { get; init; }

    public ConcurrentQueue<string> Log => log;

    public Task AnswerAsync(CancellationToken cancellationToken) => Do("answer");

    public async Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken)
    {
        foreach (var prompt in promptIds)
        {
            await Play(prompt);
        }
    }

    public async Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await PlayAsync(promptIds, cancellationToken);
        if (_keys.Count == 0)
        {
            _hungUp = true;
            throw new CallerHungUpException();
        }

        var key = _keys.Dequeue();
        log.Enqueue(key is null ? $"wait {timeout.TotalSeconds:0} s: nothing" : $"press {key}");
        return key;
    }

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken) => Do($"say {digits}");

    public Task JoinConferenceAsync(string room, CancellationToken cancellationToken) =>
        ConferenceFails is { } failure ? Task.FromException(failure) : Do($"conference {room}");

    public Task HangUpAsync(CancellationToken cancellationToken) => Do("hang up");

    public async Task PlayRecordingAsync(string introPromptId, string? recording, CancellationToken cancellationToken)
    {
        if (recording is not null && Recordings.Contains(recording))
        {
            await Play(introPromptId);
            await Do($"recording {recording}");
        }
    }

    public Task<IPageSpeech?> RenderSpeechAsync(string text, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        if (SpeechFailsFor is { } failing && text.Contains(failing, StringComparison.Ordinal))
        {
            log.Enqueue("speech failed");
            return Task.FromResult<IPageSpeech?>(null);
        }

        SpeechKept++;
        return Task.FromResult<IPageSpeech?>(new Speech(this, text));
    }

    public Task SpeakAsync(IPageSpeech speech, CancellationToken cancellationToken) => Do($"speak {((Speech)speech).Text}");

    public async Task<string?> CallPatientAsync(PatientMessage message, Practice? practice, long attemptId, string number, CancellationToken cancellationToken)
    {
        await Do($"call patient {number}");
        return PatientAnswers ? $"callback-{message.Id}-{attemptId}" : null;
    }

    private sealed class Speech(ScriptedClinician owner, string text) : IPageSpeech
    {
        private bool _deleted;

        public string Text => text;

        public void Dispose()
        {
            if (!_deleted)
            {
                _deleted = true;
                owner.SpeechKept--;
            }
        }
    }

    private Task Play(string prompt)
    {
        ThrowIfGone();
        log.Enqueue($"play {prompt}");
        if (prompt == HangUpDuringPrompt)
        {
            _hungUp = true;
            throw new CallerHungUpException();
        }

        return Task.CompletedTask;
    }

    private Task Do(string what)
    {
        ThrowIfGone();
        log.Enqueue(what);
        return Task.CompletedTask;
    }

    private void ThrowIfGone()
    {
        if (_hungUp)
        {
            throw new CallerHungUpException();
        }
    }
}
