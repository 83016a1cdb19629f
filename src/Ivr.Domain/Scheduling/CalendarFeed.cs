namespace Ivr.Domain.Scheduling;

/// <summary>
/// The secret calendar-feed address of one clinician of one practice. The token is the unguessable
/// part of the URL: whoever holds it reads the clinician's shifts.
/// </summary>
public sealed record CalendarFeed(string PracticeId, string ClinicianId, string Token, DateTimeOffset CreatedAt);
