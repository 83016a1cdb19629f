using Ivr.Domain.Triage;

namespace Ivr.Portal.Triage;

/// <summary>
/// One nurse's triage of one call as the portal holds it between requests: the engine's session, the note
/// being written, and once finished what was saved. Only <see cref="TriageSessions"/> hands it out, and only
/// one request works on it at a time (<see cref="Gate"/>).
/// </summary>
public sealed class TriageDraft(string nurse, long callRecordId, string practiceId, string? callerId, TriageSession session, DateTimeOffset at)
{
    public string Nurse { get; } = nurse;

    public long CallRecordId { get; } = callRecordId;

    public string PracticeId { get; } = practiceId;

    /// <summary>The call's caller id (patient data), for the message the triage leaves.</summary>
    public string? CallerId { get; } = callerId;

    public TriageSession Session { get; } = session;

    /// <summary>Held by the request working on this triage.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The nurse's note as last saved.</summary>
    public string Note { get; set; } = string.Empty;

    /// <summary>The pathway, once the session is complete (kept so a finish that failed half-way is retried with it).</summary>
    public TriagePathway? Pathway { get; set; }

    /// <summary>What finishing saved; null until then.</summary>
    public TriageFinished? Finished { get; set; }

    /// <summary>When a request last worked on it; a draft left alone for <see cref="TriageSessions.KeepFor"/> is dropped.</summary>
    public DateTimeOffset TouchedAt { get; set; } = at;
}
