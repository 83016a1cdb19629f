namespace Ivr.Domain.Triage;

/// <summary>Keeps finished triages; the pathway is encrypted at rest like every message field.</summary>
public interface ITriageRecordStore
{
    /// <summary>Saves a finished triage; returns its id.</summary>
    Task<long> SaveAsync(TriageRecord record, CancellationToken cancellationToken = default);

    Task<TriageRecord?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The triages of one call, in the order saved.</summary>
    Task<IReadOnlyList<TriageRecord>> ForCallAsync(long callRecordId, CancellationToken cancellationToken = default);

    /// <summary>The id of the triage that left message <paramref name="messageId"/>; null when none did. Reads no pathway.</summary>
    Task<long?> IdForMessageAsync(long messageId, CancellationToken cancellationToken = default);

    /// <summary>A practice's downgraded triages the physician has not reviewed yet, oldest first.</summary>
    Task<IReadOnlyList<TriageRecord>> AwaitingReviewAsync(string practiceId, CancellationToken cancellationToken = default);

    /// <summary>Records the physician's review; false when the triage needs none or was reviewed already.</summary>
    Task<bool> MarkReviewedAsync(long id, string by, DateTimeOffset at, CancellationToken cancellationToken = default);
}
