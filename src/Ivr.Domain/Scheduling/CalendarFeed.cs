namespace Ivr.Domain.Scheduling;

/// <summary>
/// The secret calendar-feed address of one clinician of one practice. The token is the unguessable
/// part of the URL: whoever holds it reads the clinician's shifts. A feed made for a clinician who has a
/// portal account names it (<see cref="AccountId"/>) and stops working when the account is gone.
/// </summary>
public sealed record CalendarFeed(string PracticeId, string ClinicianId, string Token, DateTimeOffset CreatedAt)
{
    /// <summary>The clinician's portal account when the feed was made, or null when they had none.</summary>
    public long? AccountId { get; init; }
}
