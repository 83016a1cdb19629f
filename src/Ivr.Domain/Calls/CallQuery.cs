namespace Ivr.Domain.Calls;

/// <summary>Which calls a search finds, newest first.</summary>
/// <param name="PracticeId">One practice; null for every practice.</param>
/// <param name="From">Calls started at or after this instant; null for no lower bound.</param>
/// <param name="Until">Calls started before this instant; null for no upper bound.</param>
/// <param name="Outcome">Only calls that ended this way (e.g. <c>message-taken</c>); null for all.</param>
/// <param name="Limit">At most this many (200 by default).</param>
public sealed record CallQuery(string? PracticeId, DateTimeOffset? From = null, DateTimeOffset? Until = null, string? Outcome = null, int Limit = 200);
