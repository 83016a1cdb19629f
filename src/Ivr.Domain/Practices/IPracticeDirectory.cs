namespace Ivr.Domain.Practices;

/// <summary>What the call flow asks about practices: where a call goes, and whom to ring.</summary>
public interface IPracticeDirectory
{
    /// <summary>The practice for a dialed number and its coverage now; never fails for an unknown number (the service's own profile answers).</summary>
    Task<CallRoute> RouteAsync(string dialedNumber, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Who to ring, in order, for a practice at an instant. The last step is always the supervisor.</summary>
    Task<IReadOnlyList<OnCallContact>> OnCallChainAsync(string practiceId, DateTimeOffset at, CancellationToken cancellationToken = default);
}
