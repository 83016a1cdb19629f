namespace Ivr.Domain.Practices;

/// <summary>
/// Finds the practice a dialed number belongs to and who is on call. The configuration-backed
/// version answers for one practice; the schedules issue replaces it with rotations and overrides.
/// </summary>
public interface IPracticeDirectory
{
    /// <summary>The practice for a dialed number; never null: unknown numbers get the service's own profile.</summary>
    Task<PracticeProfile> FindByNumberAsync(string dialedNumber, CancellationToken cancellationToken = default);

    /// <summary>Who to ring, in order, for a practice at an instant. The last step is always the supervisor.</summary>
    Task<IReadOnlyList<OnCallContact>> OnCallChainAsync(string practiceId, DateTimeOffset at, CancellationToken cancellationToken = default);
}
