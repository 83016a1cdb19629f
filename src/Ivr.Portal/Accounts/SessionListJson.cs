using Ivr.Domain.Accounts;

namespace Ivr.Portal.Accounts;

/// <summary>
/// One active session as its user and the supervisor see it. The client address is shown whole: it is
/// a staff member's own network address, not patient data, and an address one does not recognise is
/// the reason to look at this list. The token is never shown.
/// </summary>
public sealed record SessionListJson(long Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, string? ClientAddress, string? UserAgent, bool Current)
{
    public static SessionListJson From(PortalSession session, long? current) =>
        new(session.Id, session.CreatedAt, session.LastSeenAt, session.ExpiresAt, session.ClientAddress, session.UserAgent, session.Id == current);
}
