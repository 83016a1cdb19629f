namespace Ivr.Domain.Practices;

/// <summary>How a call is routed at the moment it arrives, and why, in words for the call record.</summary>
/// <param name="Mode">The practice's coverage mode.</param>
/// <param name="Office">The office line to ring first, or null when the service answers at once.</param>
/// <param name="Reason">e.g. <c>holiday: Christmas Day</c> or <c>business hours Mon 08:00-17:00: overflow, the office rings first</c>.</param>
public sealed record CoverageDecision(CoverageMode Mode, OfficeLine? Office, string Reason)
{
    public bool OfficeFirst => Office is not null;
}
