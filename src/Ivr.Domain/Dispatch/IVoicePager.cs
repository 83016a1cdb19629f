namespace Ivr.Domain.Dispatch;

/// <summary>
/// Calls a clinician about a message and plays it. The page's own side (the clinician pressing keys)
/// records what happens on the message as it happens; this returns once the call is over.
/// </summary>
public interface IVoicePager
{
    Task<PageOutcome> PageAsync(PageRequest request, CancellationToken cancellationToken = default);
}
