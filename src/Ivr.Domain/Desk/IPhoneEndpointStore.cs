namespace Ivr.Domain.Desk;

/// <summary>
/// The operators' softphone endpoints, where Asterisk reads them on demand (PJSIP realtime): an endpoint,
/// its address of record and its credentials, each named by <see cref="OperatorEndpoint.Name"/>. A
/// change is in force at the next registration or call, without a reload.
/// </summary>
public interface IPhoneEndpointStore
{
    /// <summary>
    /// Writes the endpoint <paramref name="name"/> (again, when it exists) with a fresh random password
    /// nobody is told: the desk sets the one a softphone uses each time it opens.
    /// </summary>
    Task ProvisionAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Sets the endpoint's password; false when no endpoint <paramref name="name"/> exists.</summary>
    Task<bool> SetPasswordAsync(string name, string password, CancellationToken cancellationToken = default);

    /// <summary>Whether the endpoint <paramref name="name"/> exists.</summary>
    Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes the endpoint with its address of record and credentials (nothing when there is none).</summary>
    Task RemoveAsync(string name, CancellationToken cancellationToken = default);
}
