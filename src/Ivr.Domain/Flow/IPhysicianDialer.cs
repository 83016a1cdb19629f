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

    /// <summary>
    /// Empties the room: when nobody accepted (the caller, still on the way in, is removed and goes on in the
    /// flow) and when the caller hung up mid-conversation (the clinician is not left alone in the room).
    /// </summary>
    Task ClearRoomAsync(string room, bool callerMayStillBeJoining, CancellationToken cancellationToken);
}
