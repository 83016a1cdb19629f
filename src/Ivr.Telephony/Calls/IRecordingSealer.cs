using Ivr.Domain.Flow;

namespace Ivr.Server.Calls;

/// <summary>Encrypts a call's recordings once the call is over and removes the plain files.</summary>
public interface IRecordingSealer
{
    Task SealAsync(CallSession session, CancellationToken cancellationToken);
}
