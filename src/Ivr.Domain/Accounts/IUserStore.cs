namespace Ivr.Domain.Accounts;

/// <summary>Where portal accounts are kept.</summary>
public interface IUserStore
{
    /// <summary>Creates an account and returns its id.</summary>
    /// <exception cref="UserExistsException">The username is taken.</exception>
    Task<long> AddAsync(PortalUser user, CancellationToken cancellationToken = default);

    Task<PortalUser?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The account of a username (compared lower case), if any.</summary>
    Task<PortalUser?> FindAsync(string username, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PortalUser>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a failed sign-in in one statement (parallel guesses cannot slip past the count) and locks
    /// the account when the count reaches the policy's limit. A lockout that has run out starts the
    /// count again. Returns the account as it is now, or null when there is none.
    /// </summary>
    Task<PortalUser?> RecordFailureAsync(long id, LockoutPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>A good sign-in (or an admin's unlock): failures forgotten, lock lifted.</summary>
    Task ClearFailuresAsync(long id, CancellationToken cancellationToken = default);

    Task SetPasswordHashAsync(long id, string passwordHash, CancellationToken cancellationToken = default);
}
