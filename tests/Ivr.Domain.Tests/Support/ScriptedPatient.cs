using Ivr.Domain.Flow;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Tests.Support;

/// <summary>
/// A patient's line on a campaign call that follows a script: AMD says <see cref="Amd"/>; each time the call waits for a
/// key, the next key is taken (null: nothing pressed). When the script runs out the patient hangs up, so no test loops for ever.
/// </summary>
public sealed class ScriptedPatient(params char?[] keys) : IOutboundChannel
{
    private readonly Queue<char?> _keys = new(keys);
    private bool _hungUp;

    public AmdVerdict Amd { get; init; } = new("HUMAN", "HUMAN-1-1");

    /// <summary>Hangs up the moment this prompt starts playing.</summary>
    public string? HangUpDuringPrompt { get; init; }

    /// <summary>How the office line answers when the patient is put through.</summary>
    public OfficeRingResult Office { get; init; } = OfficeRingResult.Answered;

    /// <summary>Something the call does just before it asks for the next key (another patient taking a slot).</summary>
    public Action<int>? BeforeKey { get; init; }

    public List<string> Log { get; } = [];

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

        // Prompts played with no wait after them (a list being read) take no key from the script.
        if (timeout == TimeSpan.Zero)
        {
            return null;
        }

        return NextKey();
    }

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken) => Do($"say {digits}");

    public Task JoinConferenceAsync(string room, CancellationToken cancellationToken) => Do($"conference {room}");

    public Task HangUpAsync(CancellationToken cancellationToken) => Do("hang up");

    public async Task<AmdVerdict> DetectAsync(CancellationToken cancellationToken)
    {
        await Do($"amd {Amd.Status}");
        return Amd;
    }

    public Task WaitForSilenceAsync(CancellationToken cancellationToken) => Do("wait for silence");

    public async Task<char?> SayTimeAsync(DateTime wallClock, string keys, CancellationToken cancellationToken)
    {
        await Do($"say time {wallClock:yyyy-MM-dd HH:mm}");
        return null;
    }

    public async Task<OfficeRingResult> RingOfficeAsync(OfficeLine office, CancellationToken cancellationToken)
    {
        await Do($"ring office {office.DialString}");
        return Office;
    }

    private int _asked;

    private char? NextKey()
    {
        BeforeKey?.Invoke(++_asked);
        if (_keys.Count == 0)
        {
            _hungUp = true;
            Log.Add("hang up (script over)");
            throw new CallerHungUpException();
        }

        var key = _keys.Dequeue();
        Log.Add(key is null ? "nothing pressed" : $"press {key}");
        return key;
    }

    private Task Play(string prompt)
    {
        ThrowIfGone();
        Log.Add($"play {prompt}");
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
        Log.Add(what);
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
