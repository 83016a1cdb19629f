namespace Ivr.Domain.Scheduling;

/// <summary>Where the clinicians' calendar-feed tokens are kept: at most one live token per clinician of a practice.</summary>
public interface ICalendarFeedStore
{
    /// <summary>The clinician's feed, or null when none was made yet.</summary>
    Task<CalendarFeed?> GetAsync(string practiceId, string clinicianId, CancellationToken cancellationToken = default);

    /// <summary>The feed a token opens, or null for an unknown (or replaced) token.</summary>
    Task<CalendarFeed?> FindAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Stores the clinician's feed, replacing (and so revoking) any earlier token.</summary>
    Task SaveAsync(CalendarFeed feed, CancellationToken cancellationToken = default);
}
