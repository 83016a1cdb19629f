using System.Collections.Concurrent;
using Ivr.Domain.Triage;

namespace Ivr.Portal.Triage;

/// <summary>
/// The triages being worked, in this process's memory, by nurse and call: a reload of the nurse's screen
/// finds the same state. Thread-safe; a triage left alone for <see cref="KeepFor"/> (on the
/// <see cref="TimeProvider"/>) is dropped, finished or not (a finished one is kept in the database).
/// </summary>
public sealed class TriageSessions(TimeProvider time)
{
    /// <summary>How long an untouched triage is kept: a night's shift.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<(string Nurse, long Call), TriageDraft> _drafts = new();

    /// <summary>The nurse's triage of the call, or null when they have none.</summary>
    public TriageDraft? Find(string nurse, long callRecordId)
    {
        Sweep();
        if (_drafts.TryGetValue((nurse, callRecordId), out var draft))
        {
            draft.TouchedAt = time.GetUtcNow();
            return draft;
        }

        return null;
    }

    /// <summary>The nurse's triage of the call, started now when they have none.</summary>
    public TriageDraft Start(string nurse, long callRecordId, string practiceId, string? callerId)
    {
        Sweep();
        var draft = _drafts.GetOrAdd((nurse, callRecordId), key => new TriageDraft(key.Nurse, key.Call, practiceId, callerId, new TriageSession(key.Nurse, time), time.GetUtcNow()));
        draft.TouchedAt = time.GetUtcNow();
        return draft;
    }

    private void Sweep()
    {
        var before = time.GetUtcNow() - KeepFor;
        foreach (var (key, draft) in _drafts)
        {
            if (draft.TouchedAt < before)
            {
                _drafts.TryRemove(new KeyValuePair<(string, long), TriageDraft>(key, draft));
            }
        }
    }
}
