using Ivr.Domain.Calls;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Flow;

/// <summary>
/// Rings the on-call chain, one clinician at a time, and brings the one who accepts into the
/// caller's conference room. The server implements it with AMI Originate and ConfBridge.
/// </summary>
public interface IPhysicianDialer
{
    /// <summary>
    /// Rings each contact in order until one accepts with a key press. Returns the accepting contact
    /// (now in the room), or null when the chain is exhausted. Every attempt is reported to
    /// <paramref name="onLeg"/>. Cancelling hangs up any leg still ringing or whispering.
    /// </summary>
    Task<OnCallContact?> DialChainAsync(DialRequest request, Func<BridgeLeg, Task> onLeg, CancellationToken cancellationToken);

    /// <summary>Removes the caller from the room (when nobody accepted), so their line continues in the flow.</summary>
    Task RemoveCallerAsync(string room, CancellationToken cancellationToken);
}
