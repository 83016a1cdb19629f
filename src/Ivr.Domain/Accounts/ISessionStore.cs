namespace Ivr.Domain.Accounts;

/// <summary>Where portal sessions are kept (<see cref="PortalSession"/>).</summary>
public interface ISessionStore
{
    /// <summary>Stores a new session and returns its id.</summary>
    Task<long> AddAsync(PortalSession session, CancellationToken cancellationToken = default);

    /// <summary>The session whose token hashes to <paramref name="tokenHash"/>, revoked or not.</summary>
    Task<PortalSession?> FindAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>A user's sessions that are neither revoked nor past their absolute end, newest first.</summary>
    Task<IReadOnlyList<PortalSession>> ListActiveAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task TouchAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Revokes one session of <paramref name="userId"/>; false when there is no such active session.</summary>
    Task<bool> RevokeAsync(long userId, long id, DateTimeOffset now, string why, CancellationToken cancellationToken = default);

    /// <summary>Revokes every active session of a user but <paramref name="exceptId"/>; returns how many.</summary>
    Task<int> RevokeAllAsync(long userId, DateTimeOffset now, string why, long? exceptId = null, CancellationToken cancellationToken = default);
}
