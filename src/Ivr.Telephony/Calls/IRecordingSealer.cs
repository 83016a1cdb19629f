using Ivr.Domain.Flow;

namespace Ivr.Telephony.Calls;

/// <summary>Encrypts a call's recordings once the call is over and removes the plain files.</summary>
public interface IRecordingSealer
{
    Task SealAsync(CallSession session, CancellationToken cancellationToken);
}
