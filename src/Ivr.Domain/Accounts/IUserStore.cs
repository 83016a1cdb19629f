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
    /// Counts a failed sign-in atomically (parallel guesses cannot slip past the count) and sets the
    /// time before which no further try is checked (<see cref="LockoutPolicy.DelayAfter"/>). Returns the
    /// account as it is now, or null when there is none.
    /// </summary>
    Task<PortalUser?> RecordFailureAsync(long id, LockoutPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>A good sign-in (or an admin's unlock): failures forgotten, delay lifted.</summary>
    Task ClearFailuresAsync(long id, CancellationToken cancellationToken = default);

    Task SetPasswordHashAsync(long id, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Disables (a time) or enables (null) an account.</summary>
    Task SetDisabledAsync(long id, DateTimeOffset? disabledAt, CancellationToken cancellationToken = default);

    /// <summary>Removes an account for good: disabled, password replaced by <paramref name="unusableHash"/>, the row kept for the audit history.</summary>
    Task RemoveAsync(long id, DateTimeOffset now, string unusableHash, CancellationToken cancellationToken = default);

    Task SetRoleAsync(long id, PortalRole role, string? practiceId, string? clinicianId, CancellationToken cancellationToken = default);
}
