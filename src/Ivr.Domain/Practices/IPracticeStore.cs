using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Practices;

/// <summary>Where practices and their on-call overrides are kept.</summary>
public interface IPracticeStore
{
    Task<Practice?> GetAsync(string practiceId, CancellationToken cancellationToken = default);

    /// <summary>The practice publishing a number (already normalised), if any.</summary>
    Task<Practice?> FindByNumberAsync(string number, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Practice>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a practice, keeping the previous version; returns the new revision number.</summary>
    /// <exception cref="PracticeConflictException">A number is already published by another practice.</exception>
    Task<int> SaveAsync(Practice practice, string changedBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a practice only if its stored revision is still <paramref name="expectedRevision"/> (what the
    /// user's form was loaded from), so two people editing at once never silently overwrite each other.
    /// </summary>
    /// <exception cref="PracticeChangedException">The practice was saved by someone else since.</exception>
    /// <exception cref="PracticeConflictException">A number is already published by another practice.</exception>
    Task<int> SaveIfUnchangedAsync(Practice practice, string changedBy, int expectedRevision, CancellationToken cancellationToken = default);

    /// <summary>Every saved version of a practice with who saved it and when, oldest first; empty for no such practice.</summary>
    Task<IReadOnlyList<PracticeRevision>> RevisionsAsync(string practiceId, CancellationToken cancellationToken = default);

    /// <summary>Overrides of a practice that overlap [from, until), cancelled ones left out.</summary>
    Task<IReadOnlyList<OnCallOverride>> OverridesAsync(string practiceId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Stores an override and returns its id (the <see cref="OnCallOverride.Id"/> passed in is ignored).</summary>
    Task<long> AddOverrideAsync(OnCallOverride entry, CancellationToken cancellationToken = default);

    /// <summary>Cancels an override; false when there is no such live override.</summary>
    Task<bool> CancelOverrideAsync(long overrideId, string cancelledBy, DateTimeOffset at, CancellationToken cancellationToken = default);
}
