namespace Ivr.Portal.OnCall;

/// <summary>
/// One VEVENT of a calendar feed. The UID stays the same across refreshes, so calendar apps update
/// the event rather than duplicate it.
/// </summary>
public sealed record CalendarEvent(string Uid, DateTimeOffset From, DateTimeOffset Until, string Summary, string? Description = null);
