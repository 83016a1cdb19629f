using System.Collections.Frozen;
using Ivr.Data;
using Ivr.Domain.Practices;
using Ivr.Domain.Prompts;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Prompts;

/// <summary>
/// Which sound a call plays for a prompt: the practice's own recording, else the shared recording, else the
/// manifest's <c>ivr/PROMPT</c>; a practice's recorded greeting replaces whatever greeting prompt it has. Answers come
/// from an in-memory snapshot of the recordings in use, never a database read per prompt: refreshed at once when a
/// recording is kept or reverted in this process, and every <see cref="RefreshEvery"/> otherwise (a change made by
/// another process). A refresh that fails keeps the snapshot it had.
/// </summary>
public sealed class PromptSounds : IHostedService, IDisposable
{
    /// <summary>How often the snapshot is read again for changes made by other processes.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private readonly IPromptRecordingStore _store;
    private readonly PromptRecordingChanges _changes;
    private readonly TimeProvider _time;
    private readonly ILogger<PromptSounds> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private FrozenDictionary<(string Owner, string PromptId), string> _sounds = FrozenDictionary<(string Owner, string PromptId), string>.Empty;
    private ITimer? _timer;

    public PromptSounds(IPromptRecordingStore store, PromptRecordingChanges changes, TimeProvider time, ILogger<PromptSounds> logger)
    {
        _store = store;
        _changes = changes;
        _time = time;
        _logger = logger;
        _changes.Raised += OnChanged;
    }

    /// <summary>The sound Asterisk plays for <paramref name="promptId"/> on a call of <paramref name="practice"/> (null: no practice known).</summary>
    public string Sound(PracticeProfile? practice, string promptId)
    {
        var sounds = _sounds;
        if (practice is not null)
        {
            var id = promptId == practice.GreetingPromptId ? PromptRecording.Greeting : promptId;
            if (sounds.TryGetValue((practice.Id, id), out var own))
            {
                return own;
            }
        }

        return sounds.TryGetValue((PromptRecording.Shared, promptId), out var shared) ? shared : AgiPrompts.Sound(promptId);
    }

    /// <summary>The prompts of a call of <paramref name="practice"/>, for its line.</summary>
    public PromptScope For(PracticeProfile? practice) => new(this, practice);

    /// <summary>Reads the recordings in use again; on failure the snapshot stays as it was.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var recordings = await _store.AllAsync(cancellationToken);
            _sounds = recordings.ToFrozenDictionary(r => (r.Owner, r.PromptId), r => r.Sound);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogWarning(exception, "The recorded prompts could not be read; calls keep the ones they had");
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _timer = _time.CreateTimer(_ => _ = RefreshAsync(), null, RefreshEvery, RefreshEvery);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        return Task.CompletedTask;
    }

    /// <summary>Stops listening; the semaphore is left to the collector, as a refresh already under way may still release it.</summary>
    public void Dispose()
    {
        _changes.Raised -= OnChanged;
        _timer?.Dispose();
    }

    private void OnChanged() => _ = RefreshAsync();
}
