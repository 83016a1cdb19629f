namespace Ivr.Domain.Messages;

/// <summary>Which messages an inbox shows.</summary>
/// <param name="PracticeId">One practice; null for every practice (the supervisor's inbox).</param>
/// <param name="IncludeResolved">False (the default) leaves resolved messages out: the inbox is what still needs someone.</param>
/// <param name="PagedTo">Only messages whose dispatch tried this clinician id, or summaries addressed to them; null for all.</param>
/// <param name="Limit">At most this many (200 by default).</param>
/// <param name="AppointmentsOnly">Only appointment requests: chosen before the limit, so a busy inbox hides none of them.</param>
public sealed record InboxQuery(string? PracticeId, bool IncludeResolved = false, string? PagedTo = null, int Limit = 200, bool AppointmentsOnly = false);
